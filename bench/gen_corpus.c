/*
 * gen_corpus: a deterministic generator of news-like English and French
 * documents about Sahel security, for the benchmarks (ingest, coding,
 * store). Same seed, same bytes: a seeded xorshift PRNG and no clock.
 *
 *   gen_corpus --mb N [--format jsonl|txt] [--seed S] [--docs N] [--dir DIR]
 *
 * jsonl and txt go to stdout (txt documents separated by a blank line);
 * with --dir and --format txt, one file per document (DIR/NNNNNN.txt, in
 * subdirectories of 1000). Generation stops at N MB or N documents,
 * whichever comes first. The sentences use the phrasings the coder is
 * meant to find (agreements, deliveries, instructors, withdrawals) with
 * news noise: titles and abbreviations, curly quotes, bullets, tables.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

#define PICK(a) (a[pick(sizeof(a) / sizeof(a[0]))])

typedef struct { const char *en, *fr, *adj_en, *adj_fr; } country;

static const country countries[] = {
	{"Mali", "le Mali", "Malian", "maliennes"},
	{"Burkina Faso", "le Burkina Faso", "Burkinabe", "burkinabè"},
	{"Niger", "le Niger", "Nigerien", "nigériennes"},
	{"Russia", "la Russie", "Russian", "russes"},
	{"France", "la France", "French", "françaises"},
	{"Chad", "le Tchad", "Chadian", "tchadiennes"},
	{"Senegal", "le Sénégal", "Senegalese", "sénégalaises"},
	{"Ivory Coast", "la Côte d’Ivoire", "Ivorian", "ivoiriennes"},
	{"Mauritania", "la Mauritanie", "Mauritanian", "mauritaniennes"},
	{"the United States", "les États-Unis", "American", "américaines"},
	{"China", "la Chine", "Chinese", "chinoises"},
	{"Turkey", "la Turquie", "Turkish", "turques"},
	{"Algeria", "l’Algérie", "Algerian", "algériennes"},
	{"Nigeria", "le Nigeria", "Nigerian", "nigérianes"},
	{"Benin", "le Bénin", "Beninese", "béninoises"},
	{"Togo", "le Togo", "Togolese", "togolaises"},
};

static const char *const people_en[] = {
	"Col. Assimi Goïta", "Capt. Ibrahim Traoré", "Gen. Abdourahamane Tiani",
	"Lt. Gen. Yunus-Bek Yevkurov", "Defence Minister Sadio Camara", "Dr. Aminata Diallo",
	"Mr. Sergei Lavrov", "Maj. Gen. Moussa Diarra", "Prime Minister Choguel Maïga",
};
static const char *const people_fr[] = {
	"le colonel Assimi Goïta", "le capitaine Ibrahim Traoré", "le général Abdourahamane Tiani",
	"M. Sergueï Lavrov", "Mme Aminata Diallo", "le ministre de la Défense Sadio Camara",
	"le Lt-Col. Abdoulaye Maïga",
};
static const char *const months_en[] = {"Jan.", "Feb.", "March", "April", "May", "June",
					"July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
static const char *const months_fr[] = {"janvier", "février", "mars", "avril", "mai", "juin",
					"juillet", "août", "septembre", "octobre", "novembre",
					"décembre"};
static const char *const sources[] = {"Sahel Monitor", "West Africa Wire", "Agence Sahel Info",
				      "Bamako Daily", "Le Journal du Niger", "Reuters"};

/* English sentence templates: %A actor, %B partner, %a actor adjective,
 * %P person, %D date, %N number. */
static const char *const tmpl_en[] = {
	"%A signed a defence agreement with %B on %D, officials said.",
	"%A delivered %N combat helicopters to %B, according to a statement from the ministry.",
	"%P said %A would send military instructors to %B before the end of the year.",
	"%A and %B held talks on security cooperation in the capital on %D.",
	"The government of %B announced that it had suspended its military cooperation with %A.",
	"%B ordered the withdrawal of %a troops, ending a decade-long deployment.",
	"%a instructors began training %N soldiers at a base near the border, the army said.",
	"%A is expected to supply armoured vehicles and drones to %B under the new pact.",
	"Analysts said the deal could deepen %A’s influence in the Sahel region.",
	"“We will continue our cooperation with %B,” %P told reporters on %D.",
	"%A denied reports that it planned to open a military base in %B.",
	"Jihadist groups linked to JNIM attacked an army post in %B, killing %N soldiers.",
	"The U.S. embassy said %A had requested help with intelligence sharing.",
	"%P met his counterpart from %B to discuss joint operations against armed groups.",
	"%A and %B agreed to hold joint military exercises next year.",
	"Russian paramilitaries of the Africa Corps arrived in %B on %D.",
	"ECOWAS leaders urged %B to restore constitutional order within %N months.",
	"The two countries signed a memorandum of understanding on counter-terrorism cooperation.",
	"Defence spending in %B rose by %N.5 percent in 2023, the report said.",
};
static const char *const tmpl_fr[] = {
	"%A a signé un accord de défense avec %B le %D, selon un communiqué officiel.",
	"%A a livré %N hélicoptères de combat à %B, a annoncé le ministère.",
	"Les instructeurs russes sont arrivés à Bamako pour former les forces %b.",
	"%P a déclaré que %A enverrait des instructeurs militaires dans le pays.",
	"%A et %B ont tenu des consultations sur la coopération sécuritaire le %D.",
	"Le gouvernement a dénoncé les accords de coopération militaire avec %A.",
	"Les autorités ont exigé le retrait des troupes étrangères d’ici la fin de l’année.",
	"Selon des sources sécuritaires, %N soldats ont été tués dans une attaque jihadiste.",
	"%A devrait fournir des drones et des véhicules blindés aux forces armées.",
	"« Nous poursuivrons notre coopération avec nos partenaires », a affirmé %P.",
	"La junte a démenti les informations sur l’ouverture d’une base militaire étrangère.",
	"Les ministres de l’AES se sont réunis à Niamey pour discuter d’une force conjointe.",
	"%A et %B ont convenu d’organiser des exercices militaires conjoints.",
	"Le porte-parole de l’armée a salué le partenariat stratégique avec %A.",
};

static char buf[1 << 16];
static size_t blen;

static void put(const char *s)
{
	size_t n = strlen(s);

	if (blen + n < sizeof(buf)) {
		memcpy(buf + blen, s, n);
		blen += n;
	}
}

static void putf(const char *fmt, long v)
{
	char t[64];

	snprintf(t, sizeof(t), fmt, v);
	put(t);
}

static void cap_put(const char *s, int cap)
{
	size_t at = blen;

	put(s);
	if (cap && at < blen && buf[at] >= 'a' && buf[at] <= 'z')
		buf[at] = (char)(buf[at] - 32);
}

static void sentence(int fr, int y)
{
	const char *t = fr ? PICK(tmpl_fr) : PICK(tmpl_en);
	const country *a = &PICK(countries), *b = &PICK(countries);
	int start = 1;

	while (b == a)
		b = &PICK(countries);
	for (; *t; t++) {
		if (*t != '%') {
			char c[2] = {*t, 0};

			put(c);
			start = 0;
			continue;
		}
		t++;
		switch (*t) {
		case 'A': cap_put(fr ? a->fr : a->en, start); break;
		case 'B': cap_put(fr ? b->fr : b->en, start); break;
		case 'a': put(fr ? a->adj_fr : a->adj_en); break;
		case 'b': put(fr ? b->adj_fr : b->adj_en); break;
		case 'P': cap_put(fr ? PICK(people_fr) : PICK(people_en), start); break;
		case 'N': putf("%ld", (long)(2 + pick(40))); break;
		case 'D':
			if (fr) {
				putf("%ld ", (long)(1 + pick(28)));
				put(PICK(months_fr));
				putf(" %ld", (long)y);
			} else {
				put(PICK(months_en));
				putf(" %ld", (long)(1 + pick(28)));
			}
			break;
		}
		start = 0;
	}
}

/* One document into buf (text only); the title into title. */
static void document(int fr, int y, char *title, size_t tcap)
{
	unsigned paras = 2 + pick(5), p, s;
	const country *a = &PICK(countries), *b = &PICK(countries);

	blen = 0;
	snprintf(title, tcap, fr ? "%s et %s renforcent leur coopération militaire"
				 : "%s and %s deepen military ties", fr ? a->fr : a->en,
		 fr ? b->fr : b->en);
	if (title[0] >= 'a' && title[0] <= 'z')
		title[0] = (char)(title[0] - 32);
	for (p = 0; p < paras; p++) {
		unsigned kind = pick(10);

		if (p)
			put("\n");
		if (kind == 0) {
			/* a bullet list */
			for (s = 0; s < 3; s++) {
				put("- ");
				sentence(fr, y);
				put("\n");
			}
			continue;
		}
		if (kind == 1 && !fr) {
			put("Aspect | Details |\n---|---|\nTraining | ");
			putf("%ld instructors |\n", (long)(10 + pick(300)));
			continue;
		}
		if (kind == 2)
			put(fr ? "Contexte régional\n" : "Regional context\n");
		for (s = 0, kind = 2 + pick(5); s < kind; s++) {
			if (s)
				put(" ");
			sentence(fr, y);
		}
		put("\n");
	}
}

/* Write s as a JSON string; returns the bytes written. */
static size_t json_str(FILE *f, const char *s, size_t n)
{
	size_t i, w = 2;

	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			w += 2;
		} else if (c == '\n') {
			fputs("\\n", f);
			w += 2;
		} else if (c < 0x20) {
			fprintf(f, "\\u%04x", c);
			w += 6;
		} else {
			fputc(c, f);
			w++;
		}
	}
	fputc('"', f);
	return w;
}

int main(int argc, char **argv)
{
	double mb = 10;
	long docs = -1, i;
	uint64_t seed = 1, total = 0;
	const char *format = "jsonl", *dir = NULL;
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--mb") && a + 1 < argc)
			mb = atof(argv[++a]);
		else if (!strcmp(argv[a], "--docs") && a + 1 < argc)
			docs = atol(argv[++a]);
		else if (!strcmp(argv[a], "--seed") && a + 1 < argc)
			seed = strtoull(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--format") && a + 1 < argc)
			format = argv[++a];
		else if (!strcmp(argv[a], "--dir") && a + 1 < argc)
			dir = argv[++a];
		else {
			fprintf(stderr, "usage: gen_corpus --mb N [--format jsonl|txt] [--seed S] "
					"[--docs N] [--dir DIR]\n");
			return 2;
		}
	}
	if (strcmp(format, "jsonl") && strcmp(format, "txt")) {
		fprintf(stderr, "gen_corpus: --format jsonl or txt\n");
		return 2;
	}
	rng = seed * 0x9E3779B97F4A7C15ULL + 0x1234567;
	for (i = 0; (docs < 0 || i < docs) && (double)total < mb * 1e6; i++) {
		int fr = pick(3) == 0, y = 2021 + (int)pick(5), m = 1 + (int)pick(12),
		    d = 1 + (int)pick(28);
		char title[256], id[64], date[16];

		document(fr, y, title, sizeof(title));
		snprintf(id, sizeof(id), "gen-%llu-%06ld", (unsigned long long)seed, i);
		snprintf(date, sizeof(date), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
		if (!strcmp(format, "jsonl")) {
			int k = printf("{\"id\":\"%s\",\"date\":\"%s\",\"source\":\"%s\",\"title\":",
				       id, date, PICK(sources));

			total += k > 0 ? (uint64_t)k : 0;
			total += json_str(stdout, title, strlen(title));
			if (pick(2))
				total += (uint64_t)printf(",\"lang\":\"%s\"", fr ? "fr" : "en");
			fputs(",\"text\":", stdout);
			total += 8 + json_str(stdout, buf, blen) + 2;
			fputs("}\n", stdout);
		} else if (dir) {
			char path[4096];
			FILE *f;

			snprintf(path, sizeof(path), "%s/%03ld", dir, i / 1000);
			if (mkdir(path, 0755) && errno != EEXIST) {
				perror(path);
				return 1;
			}
			snprintf(path, sizeof(path), "%s/%03ld/%s.txt", dir, i / 1000, id);
			f = fopen(path, "w");
			if (!f) {
				perror(path);
				return 1;
			}
			fprintf(f, "%s\n", title);
			fwrite(buf, 1, blen, f);
			fclose(f);
			total += blen + strlen(title) + 1;
		} else {
			printf("%s\n", title);
			fwrite(buf, 1, blen, stdout);
			fputs("\n\n", stdout);
			total += blen + strlen(title) + 3;
		}
	}
	return 0;
}
