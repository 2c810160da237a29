# English trigger patterns. Format: see README.md.
# TRIGGER => TYPE[:mode] key=value ...   (first match in file order wins
# among patterns with the same number of trigger words; longer wins.)

# ---- agreements -----------------------------------------------------------
sign|signed      => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
conclude         => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
ratify           => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
seal             => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
ink              => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip plain=AGREE
signing          => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic recip nominal plain=AGREE
sign|signed      => SUPPORT cameo=057 sec=agreement? ctx=diplomatic recip plain=AGREE
agree to step up => SUPPORT cameo=057 sec=agreement? ctx=military recip plain=AGREE
agree that       => SUPPORT cameo=057 sec=agreement? ctx=military recip plain=AGREE
agree on|upon    => AGREE cameo=030 ctx=diplomatic recip
restore|restored relations|ties => SUPPORT cameo=054 ctx=diplomatic recip
join             => SUPPORT cameo=057 obj=@agreement sec=agreement? ctx=diplomatic plain=AGREE

# ---- pledges (future cooperation is AGREE) --------------------------------
pledge|promise|offer|vow  => AGREE cameo=0332 obj=@arms sec=arms ctx=military mod=future
pledge|promise|offer|vow  => AGREE cameo=0332 obj=@training sec=training ctx=military mod=future
pledge|promise|offer|vow  => AGREE cameo=0332 obj=@forces sec=deployment ctx=military mod=future
agree to provide|supply|deliver|send => AGREE cameo=0332 sec=arms? ctx=military mod=future
host             => AGREE cameo=0312 obj=@base sec=basing ctx=military
host             => AGREE cameo=0312 obj=@forces sec=basing ctx=military
keep|maintain    => AGREE cameo=0312 obj=@base sec=basing ctx=military
keep|maintain    => AGREE cameo=0332 obj=@forces sec=deployment ctx=military
extend mandate   => AGREE cameo=0312 sec=deployment ctx=military
let|allow use    => AGREE cameo=0312 obj=@base sec=basing ctx=military
grant            => AGREE cameo=0312 obj=@base sec=basing ctx=military

# ---- talks, visits ---------------------------------------------------------
hold|held|holding talks       => CONSULT cameo=040 sec=talks? recip
talks                         => CONSULT cameo=046 sec=talks? recip nominal
# not "negotiator": a person, not an act
=negotiate|=negotiated|=negotiating|=negotiates|=negotiations|=negotiation => CONSULT cameo=046 sec=talks? recip
meet|met                      => CONSULT cameo=040 sec=talks? recip
meeting                       => CONSULT cameo=040 sec=talks? recip nominal
discuss                       => CONSULT cameo=040 sec=talks? recip
visit                         => CONSULT:visit cameo=042 sec=talks?
receive|received =in =audience => CONSULT:visit cameo=043 sec=talks? dir=reverse
host|hosted                   => CONSULT:visit cameo=043 sec=talks? dir=reverse
phone|telephone call          => CONSULT:phone cameo=041 sec=talks? recip
=consult|=consulted|=consulting => CONSULT cameo=040 sec=talks? recip

# ---- arms, training, deployment (AID / COOPERATE) -------------------------
take|took|taken delivery      => AID cameo=072 obj=@arms sec=arms ctx=military dir=reverse
receive|received|receiving    => AID cameo=072 obj=@arms sec=arms ctx=military dir=reverse
acquire|buy|bought|purchase|order => AID cameo=072 obj=@arms sec=arms ctx=military dir=reverse
deliver|delivered|delivery    => AID cameo=072 obj=@arms sec=arms ctx=military
supply|supplied               => AID cameo=072 obj=@arms sec=arms ctx=military
provide|provided              => AID cameo=072 obj=@arms sec=arms ctx=military
sell|sold|sale                => AID cameo=072 obj=@arms sec=arms ctx=military
donate|donation               => AID cameo=072 obj=@arms sec=arms ctx=military
hand|handed over              => AID cameo=072 obj=@arms sec=arms ctx=military
give|gave|given               => AID cameo=072 obj=@arms sec=arms ctx=military
ship|shipment                 => AID cameo=072 obj=@arms sec=arms ctx=military
transfer                      => AID cameo=072 obj=@arms sec=arms ctx=military
train|trained|training        => AID cameo=072 sec=training ctx=military
instructors                   => AID cameo=072 sec=training ctx=military nominal
share|sharing|exchange        => COOPERATE cameo=064 obj=@intel sec=intelligence ctx=intelligence recip
joint exercise|exercises|drill|drills => COOPERATE cameo=062 sec=exercise ctx=military recip nominal
exercise|exercises|drill|drills => COOPERATE cameo=062 sec=exercise? ctx=military recip nominal
joint operation|operations|patrol|patrols|offensive => COOPERATE cameo=062 sec=operations ctx=military recip nominal
send|sent|deploy|deployed|dispatch => AID cameo=072 obj=@training sec=training ctx=military
# the noun: "condemned the deployment of Wagner mercenaries in Mali" is
# Wagner's act, not the condemners' (listed first: same stem as the verb)
=deployment|=deployments      => AID cameo=074 obj=@forces sec=deployment ctx=military nominal
deploy|deployed|deployment    => AID cameo=074 obj=@forces sec=deployment ctx=military
send|sent                     => AID cameo=074 obj=@forces sec=deployment ctx=military
send|sent|ship|shipped        => AID cameo=072 obj=@arms sec=arms ctx=military
dispatch                      => AID cameo=074 obj=@forces sec=deployment ctx=military
arrive|arrived|arrival        => AID cameo=072 subj=@training sec=training ctx=military nominal
arrive|arrived|arrival        => AID cameo=074 subj=@forces sec=deployment ctx=military nominal
station|stationed             => AID cameo=074 obj=@forces sec=deployment ctx=military
hire|recruit                  => AID cameo=074 obj=@forces sec=deployment ctx=military dir=reverse
open|build|establish          => COOPERATE cameo=062 obj=@base sec=basing ctx=military
# staying on is a continuing deployment ("Russian forces remain in Mali");
# with "will" the pledge rule makes it AGREE / future
remain|remains|remained|stay|stays|stayed => AID cameo=074 subj=@forces sec=deployment ctx=military
# "will continue to support Mali with equipment / instructors": the
# activity named after "with" (a bare "supported Mali" stays SUPPORT)
support|supporting|supported with => AID cameo=072 obj=@arms sec=arms ctx=military
support|supporting|supported with => AID cameo=072 obj=@training sec=training ctx=military
# a state launching a named military operation in a country sends its
# forces there ("France launched Operation Serval in Mali")
launch|launched|launching =operation => AID cameo=074 sec=deployment ctx=military
fight|fought|battle alongside => COOPERATE cameo=062 sec=operations ctx=military recip

# ---- requests ---------------------------------------------------------------
ask|asked|request|requested|appeal|seek|sought|=called => REQUEST:assist cameo=1032 obj=@help sec=request? ctx=military
request                       => REQUEST cameo=100 nominal

# ---- ending cooperation, withdrawals --------------------------------------
end|ended|ending|terminate participation|presence|deployment => RETREAT:withdraw cameo=0874 sec=withdrawal ctx=military
port call|calls               => COOPERATE cameo=062 sec=basing ctx=military
end|ended|terminate|termination|revoke|denounce|scrap|cancel => SANCTION:discontinue cameo=1622 obj=@agreement,@coop sec=suspension? ctx=military
suspend|suspended|suspension|halt|freeze|cut => SANCTION:discontinue cameo=1622 obj=@coop,@agreement,@arms sec=suspension? ctx=military
withdraw|withdrew|withdrawn|withdrawing|quit|leave|left|exit => SANCTION:discontinue cameo=161 obj=@agreement sec=suspension ctx=military
withdraw|withdrew|withdrawn|withdrawal|pull|pulled|pullout => RETREAT:withdraw cameo=0874 obj=@forces sec=withdrawal ctx=military
withdraw|withdrew|withdrawn|withdrawal|pull|pulled|pullout => RETREAT:withdraw cameo=0874 subj=@forces sec=withdrawal ctx=military
leave|left|leaving|depart|departure => RETREAT:withdraw cameo=0874 subj=@forces sec=withdrawal ctx=military
hand|handed over              => RETREAT:withdraw cameo=0874 obj=@base sec=withdrawal ctx=military
expel|expelled|expulsion => SANCTION:expel cameo=1663 obj=@forces sec=withdrawal ctx=military
order|ordered out|leave       => SANCTION:expel cameo=1663 obj=@forces sec=withdrawal ctx=military
expel|expelled|expulsion      => SANCTION:expel cameo=1663 ctx=diplomatic
recall|recalled               => SANCTION cameo=161 ctx=diplomatic
sever|severed|cut relations|ties => SANCTION cameo=161 ctx=diplomatic

# ---- general political events ----------------------------------------------
accuse|accused|accusing|blame|blamed|condemn|condemned|criticize|criticise|denounce => ACCUSE:disapprove cameo=112
allege|alleged                => ACCUSE:allege cameo=112
summon|summoned               => ACCUSE:disapprove cameo=111
threaten|threatened|warn|warned => THREATEN cameo=130
=protest|=protests|=protested|=protesting => PROTEST cameo=140
reject|rejected|refuse|refused => REJECT cameo=120
sanction|sanctioned|sanctions => SANCTION cameo=163 ctx=economic
impose sanctions              => SANCTION cameo=163 ctx=economic
attack|attacked|struck|bomb|bombed|shell|shelled|kill|killed|ambush|ambushed|raid => ASSAULT cameo=190 ctx=military
# bare "strike" is as often a labour strike: only military strikes
air|drone|missile|military|airstrike =strike|=strikes => ASSAULT cameo=195 ctx=military
=strike|=strikes|=striking =on|=against => ASSAULT cameo=190 ctx=military
# a labour or hunger strike is a protest, not an attack
hunger|general|labour|labor|open-ended strike => PROTEST:strike cameo=143
go|went|gone|going on strike  => PROTEST:strike cameo=143
invade|invaded|invasion       => ASSAULT cameo=190 ctx=military
arrest|arrested|detain|detained => COERCE:arrest cameo=173
seize|seized                  => COERCE:seize cameo=171
mobilize|mobilise|mass|massed => MOBILIZE:troops cameo=152 obj=@forces ctx=military
praise|praised|welcome|welcomed|endorse|hail|hailed => SUPPORT cameo=051 ctx=diplomatic
apologize|apologise           => SUPPORT cameo=055 ctx=diplomatic
recognize|recognise           => SUPPORT cameo=054 ctx=diplomatic
urge|urged|demand|demanded => REQUEST cameo=100
appeal                        => REQUEST cameo=100
agree|agreed                  => AGREE cameo=030 recip
=cooperate|=cooperated|=cooperating => COOPERATE cameo=060 recip
=aided|=assisted              => AID cameo=070
deliver|delivered|donate|donated => AID cameo=070
# verbs only: "a press release" is no concession
=release|=released|=releases|=releasing|=freed => CONCEDE:release cameo=0841
declare|declared|announce|announced|observe ceasefire|truce => RETREAT:ceasefire cameo=0871 recip

# ---- second round: general PLOVER vocabulary -------------------------------
# AGREE: offers, promises, commitments, acceptance (PLOVER: "agree to",
# "offer", "promise"; asserted when the offer is made)
# a pledge to keep up a security activity is AGREE with that activity,
# future ("has pledged to sustain its operations in Mali")
pledge|pledged|promise|promised|vow|vowed|commit|committed =to => AGREE cameo=0312 obj=@operation sec=operations ctx=military mod=future
offer|offered|offering =to    => AGREE cameo=030
promise|promised|pledge|pledged|vow|vowed =to => AGREE cameo=030
=commit|=committed|=commits =to => AGREE cameo=030
=ready|=prepared|=willing =to => AGREE cameo=030
accept|accepted|accepting     => AGREE cameo=030
approve|approved              => AGREE cameo=030
agree|agreed =to              => AGREE cameo=030 recip
# CONSULT: mediation, summits, envoys
mediate|mediated|mediation|mediator => CONSULT:mediate cameo=045
summit                        => CONSULT cameo=040 sec=talks? recip nominal
# SUPPORT: backing, defending, upgrading relations
defend|defended               => SUPPORT cameo=051 ctx=diplomatic
# verb forms only: the noun ("material support", "Rapid Support Forces")
# and the adverb "back" are not acts of support
=supported|=supporting|=supports|=backed|=backing|=backs => SUPPORT cameo=051 ctx=diplomatic
congratulate|congratulated    => SUPPORT cameo=051 ctx=diplomatic
express|expressed solidarity|support => SUPPORT cameo=051 ctx=diplomatic
solidarity                    => SUPPORT cameo=051 ctx=diplomatic nominal
upgrade|upgraded|normalize|normalise|normalized|normalised relations|ties => SUPPORT cameo=054 ctx=diplomatic recip
establish|established diplomatic relations|ties => SUPPORT cameo=054 ctx=diplomatic recip
# COOPERATE
war games                     => COOPERATE cameo=062 sec=exercise ctx=military recip nominal
collaborate|collaborated|collaborating => COOPERATE cameo=060 recip
work|worked|working together  => COOPERATE cameo=060 recip
share|shared|sharing expertise|experience|technology => COOPERATE cameo=061 recip
joint mission|missions        => COOPERATE cameo=062 sec=operations ctx=military recip nominal
# AID: humanitarian and economic aid, loans, grants, asylum
send|sent|provide|provided|deliver|delivered|donate|donated|give|gave|given|hand|handed|extend|extended => AID cameo=070 obj=@aidgoods ctx=economic
grant|granted|granting asylum => AID:asylum cameo=075
grant                         => AID cameo=070 obj=@aidgoods ctx=economic
evacuate|evacuated            => AID cameo=073
# CONCEDE: easing restrictions, yielding to demands
lift|lifted|lifting|ease|eased|easing|relax|relaxed|remove|removed|cancel|cancelled|canceled => CONCEDE:ease cameo=081 obj=@restriction
concede|conceded|yield|yielded|=bowed => CONCEDE cameo=080
call|called off               => CONCEDE cameo=080
# RETREAT: resignations, surrenders, lifting a blockade, opening borders
resign|resigned|resignation   => RETREAT cameo=080
step|stepped down             => RETREAT cameo=080
surrender|surrendered         => RETREAT cameo=0871
lift|lifted|lifting|ease|eased|easing|end|ended => RETREAT:ease cameo=0863 obj=@blockade ctx=military
open|opened|reopen|reopened|re-open border|borders|bridge|crossing => RETREAT:ease cameo=081
# REQUEST: calls, appeals, pressure
call|called|calling on|for    => REQUEST cameo=100
ask|asked|asking              => REQUEST cameo=100
seek|sought|seeking           => REQUEST cameo=100
=pressed|=pressing|=pressuring|=pressured|press =for => REQUEST cameo=100
insist|insisted on            => REQUEST cameo=100
# REJECT
decline|declined|=veto|=vetoed|=vetoes|oppose|opposed|dismiss|dismissed => REJECT cameo=120
renege|reneged|backtrack|backtracked => REJECT cameo=120
fail|failed to reach|agree    => REJECT cameo=120 recip
# THREATEN
ultimatum                     => THREATEN cameo=130 nominal
threat|threats                => THREATEN cameo=130 nominal
swear|swore|sworn =to         => THREATEN cameo=130
# PROTEST
demonstrate|demonstrated|demonstrators|demonstration|=protesters|=protester => PROTEST cameo=140
rally|rallies|rallied|march|marched => PROTEST cameo=141 obj=@dissent
riot|rioted|rioting|riots     => PROTEST cameo=145
block|blocked|blockade|blockaded road|roads|bridge|access|traffic|transport|port|railway => PROTEST:obstruct cameo=144
boycott|boycotted|boycotting  => PROTEST cameo=143
# SANCTION
embargo                       => SANCTION cameo=163 ctx=economic nominal
freeze|froze|frozen assets|funds|accounts => SANCTION cameo=163 ctx=economic
break|broke|broken off relations|ties => SANCTION cameo=161 ctx=diplomatic
# ACCUSE: charges, complaints, investigations
charge|charged|charging       => ACCUSE:allege cameo=112 obj=@charge
complain|complained|complaint => ACCUSE:disapprove cameo=111
=sue|=sued|=suing             => ACCUSE:disapprove cameo=115
investigate|investigated|investigating|investigation|probe => ACCUSE:investigate cameo=090
# sending inspectors is an investigation of the host (PLOVER: investigate)
send|sent|dispatch|dispatched inspector|inspectors|investigator|investigators => ACCUSE:investigate cameo=090
criticism                     => ACCUSE:disapprove cameo=111 nominal
# ASSAULT / COERCE
clash|clashed|clashes         => ASSAULT cameo=190 ctx=military recip
storm|stormed|besiege|besieged|bombard|bombarded|shoot|shot|=airstrike|=airstrikes|massacre|massacred|assassinate|assassinated => ASSAULT cameo=190 ctx=military
kidnap|kidnapped|abduct|abducted => ASSAULT:abduct cameo=181
torture|tortured|torturing|wound|wounded|wounding => ASSAULT cameo=180 ctx=military
beat|beaten|beating up        => ASSAULT cameo=180 ctx=military
ethnic cleansing              => ASSAULT cameo=203 ctx=military nominal
fire|fired|firing on|at       => ASSAULT cameo=190 ctx=military
=ban|=banned|=bans|=outlaw|=outlawed|=outlaws => COERCE cameo=172
deport|deported|deporting     => COERCE cameo=174
confiscate|confiscated|confiscating|confiscation => COERCE:seize cameo=1711
crack|cracked down            => COERCE cameo=175
jail|jailed|imprison|imprisoned|sentence|sentenced => COERCE:arrest cameo=173
impose|imposed curfew|martial|emergency => COERCE cameo=172
# MOBILIZE
put|placed|place|remain|remained|remains|stay|stayed on alert => MOBILIZE cameo=150 ctx=military
reinforce|reinforced          => MOBILIZE:troops cameo=152 obj=@forces ctx=military
# arriving somewhere for talks is a visit ("arrived in Niamey for talks");
# troops or instructors arriving are a deployment (patterns above win:
# they carry a subject constraint)
=arrive|=arrived|=arrives|=arriving =in|=at => CONSULT:visit cameo=042 obj=@meet sec=talks?
# leaving an organisation, court or alliance ends the membership
withdraw|withdrew|withdrawing|withdrawal|quit|leave|leaving|exit => SANCTION:discontinue cameo=161 obj=@body sec=suspension? ctx=diplomatic
