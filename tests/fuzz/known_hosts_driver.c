/*
 * known_hosts_driver.c - runs the known_hosts fuzz harness without
 * libFuzzer: a fixed number of inputs made deterministically from
 * real-looking seeds (mutated bytes, NULs, CRs, newlines, long runs, seeds
 * spliced together, random bytes), so `make check` exercises it under the
 * sanitizers of the build.  It also writes the seeds into a directory for
 * libFuzzer's corpus.
 *
 *   test_known_hosts_fuzz [RUNS]            (default 20000)
 *   test_known_hosts_fuzz --seeds DIR       (write the seeds, run nothing)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define KEY "AAAAC3NzaC1lZDI1NTE5AAAAIAh2uGA6oMEgNsfcnn+BcJ+m7lYP11G15iL6ZfYxX09H"
#define OTHER "AAAAC3NzaC1lZDI1NTE5AAAAIC7OINGPTvSPCHIg6y9MXERfrpWjXXadMBZWPar/hKVX"
#define ECDSA "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLL0EmDH4zEOh" \
	"FYH4SDSkEdkMrC6wAZTIstveLuemOg0CBPG+o1yS8yKu97Twckmtx+2ah6Zme9DPkaAPzT3Kso="

static const char *const seeds[] = {
	"[127.0.0.1]:2201 ssh-ed25519 " KEY "\n",
	"re0.lab ssh-ed25519 " KEY " comment\n",
	"# lab routers\n\nre1.lab,10.0.0.2 ssh-ed25519 " OTHER "\n"
	    "[127.0.0.1]:2201 ssh-ed25519 " OTHER "\r\n",
	"|1|7XJl4od5jLlFiFjKSVB68V/ENvA=|bFVjjCgtmcFNfmCGDDX0QhnndNY= "
	    "ssh-ed25519 " KEY "\n",
	"@revoked * ssh-ed25519 " KEY "\n[127.0.0.1]:2201 ssh-ed25519 " KEY "\n",
	"@cert-authority *.lab ecdsa-sha2-nistp256 " ECDSA "\n"
	    "re0.lab ecdsa-sha2-nistp256 " ECDSA "\n",
	"[127.0.0.*]:22??,!re1.lab\tssh-ed25519\t" OTHER "\n",
	"re0.lab ssh-foo AAAA\n\t  # x\n@bogus re0.lab ssh-ed25519 " KEY "\n",
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* One input into buf (capacity cap); returns its length. */
static size_t
make_input(unsigned char *buf, size_t cap)
{
	size_t nseeds = sizeof seeds / sizeof seeds[0];
	size_t n = 0, i, edits;
	int kind = (int)(next() % 10);

	if (kind == 0) {		/* random bytes */
		n = next() % 2048;
		for (i = 0; i < n; i++)
			buf[i] = (unsigned char)next();
		return n;
	}
	/* One to three seeds, spliced. */
	for (i = 0; i < 1 + next() % 3; i++) {
		const char *s = seeds[next() % nseeds];
		size_t l = strlen(s);

		if (n + l >= cap)
			break;
		memcpy(buf + n, s, l);
		n += l;
	}
	edits = next() % 8;
	for (i = 0; i < edits && n > 0; i++) {
		size_t at = next() % n;
		int op = (int)(next() % 9);

		switch (op) {
		case 0: buf[at] = (unsigned char)next(); break;
		case 1: buf[at] = '\0'; break;
		case 2: buf[at] = '\n'; break;
		case 3: buf[at] = '\r'; break;
		case 4: buf[at] = (unsigned char)" \t,*?!|[]:@#"[next() % 12];
			break;
		case 5: n = at; break;		/* truncate */
		case 6: {			/* a long run */
			size_t run = next() % 4 == 0 ? 70000 + next() % 60000 :
			    next() % 300;

			if (n + run >= cap)
				break;
			memmove(buf + at + run, buf + at, n - at);
			memset(buf + at, "a #\0="[next() % 5], run);
			n += run;
			break;
		}
		case 7: {			/* duplicate a stretch */
			size_t l = next() % (n - at + 1);

			if (n + l >= cap)
				break;
			memmove(buf + at + l, buf + at, n - at);
			n += l;
			break;
		}
		default:			/* delete a stretch */
			if (n - at > 0) {
				size_t l = 1 + next() % (n - at);

				memmove(buf + at, buf + at + l, n - at - l);
				n -= l;
			}
		}
	}
	return n;
}

int
main(int argc, char **argv)
{
	size_t cap = 1 << 20, i;
	unsigned long runs = 20000, r;
	unsigned char *buf;

	if (argc == 3 && strcmp(argv[1], "--seeds") == 0) {
		for (i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
			char p[4096];
			FILE *f;

			snprintf(p, sizeof p, "%s/seed%zu", argv[2], i);
			if ((f = fopen(p, "w")) == NULL)
				return 1;
			fputs(seeds[i], f);
			fclose(f);
		}
		return 0;
	}
	if (argc > 1)
		runs = strtoul(argv[1], NULL, 10);
	if ((buf = malloc(cap)) == NULL)
		return 1;
	for (i = 0; i < sizeof seeds / sizeof seeds[0]; i++)
		LLVMFuzzerTestOneInput((const uint8_t *)seeds[i], strlen(seeds[i]));
	for (r = 0; r < runs; r++) {
		size_t n = make_input(buf, cap);

		LLVMFuzzerTestOneInput(buf, n);
	}
	free(buf);
	printf("known_hosts reader: %lu generated inputs, no failure\n", runs);
	return 0;
}
