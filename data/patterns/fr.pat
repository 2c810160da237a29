# French trigger patterns. Format: see README.md. Words are lemmas or
# participles; the French Snowball stemmer folds inflections (signé, signent,
# signer -> sign). Accents are stripped by folding before stemming.

# ---- accords ---------------------------------------------------------------
signer|signe|signature => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
conclure|conclu        => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
ratifier|ratification  => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
parapher               => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
signer|signe           => SUPPORT cameo=057 sec=agreement? ctx=diplomatic recip plain=AGREE
renforcer cooperation  => SUPPORT cameo=057 sec=agreement? ctx=military recip plain=AGREE
adherer|rejoindre      => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic plain=AGREE

# ---- promesses ----------------------------------------------------------------
promettre|promis|engager|offrir => AGREE cameo=0332 obj=@arms sec=arms ctx=military mod=future
promettre|promis|engager|offrir => AGREE cameo=0332 obj=@training sec=training ctx=military mod=future
accueillir|heberger    => AGREE cameo=0312 obj=@base sec=basing ctx=military
maintenir|garder       => AGREE cameo=0312 obj=@base sec=basing ctx=military
maintenir|garder       => AGREE cameo=0332 obj=@forces sec=deployment ctx=military

# ---- entretiens, visites -------------------------------------------------------
entretien|entretiens|entretenu   => CONSULT cameo=040 sec=talks? recip nominal
pourparlers|discussions|negociations => CONSULT cameo=046 sec=talks? recip nominal
rencontrer|rencontre|reunion|reuni => CONSULT cameo=040 sec=talks? recip
discuter|echanger      => CONSULT cameo=040 sec=talks? recip
visite                 => CONSULT:visit cameo=042 sec=talks? nominal
visiter|rendu =visite  => CONSULT:visit cameo=042 sec=talks?
recevoir|recu =en =audience => CONSULT:visit cameo=043 sec=talks? dir=reverse
recevoir|recu          => CONSULT:visit cameo=043 sec=talks? dir=reverse
entretenir|entretenu => CONSULT cameo=040 sec=talks? recip

# ---- armes, formation, déploiement ----------------------------------------------
livrer|livre|livraison|livraisons => AID cameo=072 obj=@arms sec=arms ctx=military
fournir|fourni|fourniture => AID cameo=072 obj=@arms sec=arms ctx=military
vendre|vendu|vente     => AID cameo=072 obj=@arms sec=arms ctx=military
ceder|cede|don|offert  => AID cameo=072 obj=@arms sec=arms ctx=military
acquerir|acquis|acheter|achete|acquisition => AID cameo=072 obj=@arms sec=arms ctx=military dir=reverse
recevoir|recu|reception => AID cameo=072 obj=@arms sec=arms ctx=military dir=reverse
former|forme|formation|entrainer => AID cameo=072 obj=@forces,@training sec=training ctx=military
instructeurs           => AID cameo=072 sec=training ctx=military nominal
partager|partage|echanger|echange => COOPERATE cameo=064 obj=@intel sec=intelligence ctx=intelligence recip
exercice|exercices|manoeuvres => COOPERATE cameo=062 sec=exercise ctx=military recip nominal
operation|operations conjointe|conjointes|commune|communes => COOPERATE cameo=062 sec=operations ctx=military recip nominal
deployer|deploye|deploiement => AID cameo=074 obj=@forces sec=deployment ctx=military
envoyer|envoye|envoi   => AID cameo=074 obj=@forces sec=deployment ctx=military
arriver|arrive|arrivee => AID cameo=072 subj=@training sec=training ctx=military nominal
arriver|arrive|arrivee => AID cameo=074 subj=@forces sec=deployment ctx=military nominal
stationner|stationne   => AID cameo=074 obj=@forces sec=deployment ctx=military
# rester déployé : une présence qui continue (« les forces russes restent au Mali »)
rester|reste|restent|demeurer => AID cameo=074 subj=@forces sec=deployment ctx=military
soutenir|soutient|soutenu avec => AID cameo=072 obj=@arms sec=arms ctx=military
soutenir|soutient|soutenu avec => AID cameo=072 obj=@training sec=training ctx=military
# « la France a lancé l'opération Serval au Mali »
lancer|lance =operation => AID cameo=074 sec=deployment ctx=military
ouvrir|construire|installer => COOPERATE cameo=062 obj=@base sec=basing ctx=military

# ---- demandes ------------------------------------------------------------------
demander|demande|solliciter|sollicite|appeler => REQUEST:assist cameo=1032 obj=@help sec=request? ctx=military

# ---- fin de coopération, retraits --------------------------------------------
denoncer|denonce       => SANCTION:discontinue cameo=1622 obj=@agreement,@coop sec=suspension? ctx=military
mettre|mis =fin        => SANCTION:discontinue cameo=1622 obj=@agreement,@coop sec=suspension? ctx=military
suspendre|suspendu|suspension|rompre|rompu|annuler|annule|abroger|resilier => SANCTION:discontinue cameo=1622 obj=@agreement,@coop,@arms,@training sec=suspension? ctx=military
retirer|retire|retrait => SANCTION:discontinue cameo=161 obj=@agreement sec=suspension ctx=military
quitter|quitte|sortir  => SANCTION:discontinue cameo=161 obj=@agreement sec=suspension ctx=military
retirer|retire|retrait|desengagement => RETREAT:withdraw cameo=0874 obj=@forces sec=withdrawal ctx=military
retirer|retire|retrait|desengagement => RETREAT:withdraw cameo=0874 subj=@forces sec=withdrawal ctx=military
quitter|quitte|partir|parti|depart => RETREAT:withdraw cameo=0874 subj=@forces sec=withdrawal ctx=military
# the noun: "le départ des soldats français", "le retrait des troupes"
depart|retrait|desengagement => RETREAT:withdraw cameo=0874 subj=@forces sec=withdrawal ctx=military nominal
expulser|expulse|expulsion => SANCTION:expel cameo=1663 obj=@forces sec=withdrawal ctx=military
ordonner|ordonne depart => SANCTION:expel cameo=1663 obj=@forces sec=withdrawal ctx=military
expulser|expulse|expulsion => SANCTION:expel cameo=1663 ctx=diplomatic
rappeler|rappele ambassadeur|ambassadrice|diplomate|diplomates => SANCTION cameo=161 ctx=diplomatic

# ---- événements politiques généraux ----------------------------------------------
accuser|accuse|condamner|condamne|critiquer|denoncer => ACCUSE:disapprove cameo=112
convoquer|convoque     => ACCUSE:disapprove cameo=111
menacer|menace         => THREATEN cameo=130
manifester|manifestation => PROTEST cameo=140
rejeter|rejete|refuser|refuse => REJECT cameo=120
sanctionner|sanctions  => SANCTION cameo=163 ctx=economic
attaquer|attaque|frapper|bombarder|tuer|tue|embuscade => ASSAULT cameo=190 ctx=military
arreter|arrete|detenir => COERCE:arrest cameo=173
saluer|salue|feliciter => SUPPORT cameo=051 ctx=diplomatic
exhorter|exiger|reclamer => REQUEST cameo=100
cooperer               => COOPERATE cameo=060 recip

# ---- second round: constructions and general PLOVER vocabulary ----------------
# joint missions and patrols ("leurs missions communes", "patrouilles conjointes")
mission|missions|patrouille|patrouilles commune|communes|conjointe|conjointes => COOPERATE cameo=062 sec=operations ctx=military recip nominal
# a training centre or school opened for a partner
ouvrir|creer|installer|construire centre|ecole|academie => AID cameo=072 obj=@training sec=training ctx=military
# leaving an organisation, court or alliance
retirer|retrait|quitter|quitte|sortir|sortie => SANCTION:discontinue cameo=161 obj=@body sec=suspension? ctx=diplomatic
# arriving somewhere for talks is a visit
arriver|arrive =a|=au      => CONSULT:visit cameo=042 obj=@meet sec=talks?
rendre|rendu =a|=au|=en    => CONSULT:visit cameo=042 sec=talks?
sommet                     => CONSULT cameo=040 sec=talks? recip nominal
mediation|mediateur|mediatrice => CONSULT:mediate cameo=045
# AGREE: offers, promises, acceptance
accepter|accepte           => AGREE cameo=030
promettre|promis|proposer|propose|offrir|offert =de => AGREE cameo=030
engager|engage =a          => AGREE cameo=030
pret|prete|prets|pretes =a => AGREE cameo=030
approuver|approuve         => AGREE cameo=030
convenir|convenu =de       => AGREE cameo=030 recip
accord =pour|=sur          => AGREE cameo=030 recip nominal
# SUPPORT
soutenir|soutenu|appuyer|appuye|defendre|defendu => SUPPORT cameo=051 ctx=diplomatic
solidarite                 => SUPPORT cameo=051 ctx=diplomatic nominal
normaliser|retablir|retabli relations|liens => SUPPORT cameo=054 ctx=diplomatic recip
# COOPERATE
collaborer|collabore       => COOPERATE cameo=060 recip
travailler ensemble        => COOPERATE cameo=060 recip
# AID: humanitarian and economic aid, asylum, arms sent
fournir|fourni|livrer|livre|envoyer|envoye|accorder|accorde|octroyer|octroye|debloquer => AID cameo=070 obj=@aidgoods ctx=economic
accorder|accorde|octroyer asile => AID:asylum cameo=075
envoyer|envoye|envoi       => AID cameo=072 obj=@arms sec=arms ctx=military
evacuer|evacue             => AID cameo=073
# CONCEDE / RETREAT
lever|leve|levee|assouplir|alleger|allege => CONCEDE:ease cameo=081 obj=@restriction
lever|leve|levee|mettre|mis|=fin => RETREAT:ease cameo=0863 obj=@blockade ctx=military
liberer|libere|liberation  => CONCEDE:release cameo=0841
demissionner|demissionne|demission => RETREAT cameo=080
declarer|annoncer|proclamer|observer cessez-le-feu|treve => RETREAT:ceasefire cameo=0871 recip
# REQUEST
appeler|appele|appelle =a  => REQUEST cameo=100
demander|demande|solliciter|sollicite => REQUEST cameo=100
presser|presse =de         => REQUEST cameo=100
# REJECT
decliner|decline|opposer|oppose|veto => REJECT cameo=120
# THREATEN
ultimatum                  => THREATEN cameo=130 nominal
# PROTEST
manifestant|manifestants|greve|rassemblement|emeute|emeutes => PROTEST cameo=140 nominal
boycotter|boycotte|boycott => PROTEST cameo=143
bloquer|bloque route|routes|acces|pont => PROTEST:obstruct cameo=144
# SANCTION
embargo                    => SANCTION cameo=163 ctx=economic nominal
geler|gele avoirs|fonds    => SANCTION cameo=163 ctx=economic
rompre|rompu relations|liens => SANCTION cameo=161 ctx=diplomatic
# ACCUSE
reprocher|reproche         => ACCUSE:disapprove cameo=111
enquete|enqueter           => ACCUSE:investigate cameo=090
envoyer|envoye|depecher|depeche inspecteur|inspecteurs|enqueteur|enqueteurs => ACCUSE:investigate cameo=090
porter|porte plainte       => ACCUSE:disapprove cameo=115
# ASSAULT / COERCE / MOBILIZE
neutraliser|neutralise|abattre|abattu|pilonner|assassiner|assassine|massacrer => ASSAULT cameo=190 ctx=military
affrontement|affrontements|affronter => ASSAULT cameo=190 ctx=military recip
frappe|frappes             => ASSAULT cameo=190 ctx=military nominal
enlever|enleve|enlevement|kidnapper => ASSAULT:abduct cameo=181
interpeller|interpelle|emprisonner|emprisonne|incarcerer => COERCE:arrest cameo=173
confisquer|confisque|confiscation => COERCE:seize cameo=1711
imposer|impose couvre-feu  => COERCE cameo=172
mobiliser|mobilise|mobilisation => MOBILIZE:troops cameo=152 obj=@forces ctx=military
mettre|mis|rester|reste|restent en =alerte => MOBILIZE cameo=150 ctx=military
renforcer|renforce         => MOBILIZE:troops cameo=152 obj=@forces ctx=military
