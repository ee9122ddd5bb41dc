/*
 * replay: run corpus files through a fuzz harness without libFuzzer.
 *
 *   HARNESS FILE|DIR ...     (the harness linked with this main)
 *
 * Each input runs in a child process, so that one crash, sanitizer
 * report or failed property is counted and named without hiding the
 * others.  Prints "HARNESS: N inputs, N failures" and exits 1 if any
 * input failed.  Built with cc -fsanitize=address,undefined, so the
 * corpus is a regression test wherever the sanitizers are.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

const int fuzz_replaying = 1;

static unsigned long inputs, failures;

static void
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0, k;
	int status;
	pid_t pid;

	if (fp == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		failures++;
		return;
	}
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		k = fread(buf + n, 1, cap - n, fp);
		n += k;
	} while (k > 0);
	fclose(fp);
	inputs++;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("replay: fork");
		exit(2);
	}
	if (pid == 0) {
		/* libFuzzer hands the harness a buffer of exactly n bytes */
		unsigned char *copy = malloc(n ? n : 1);

		if (copy == NULL)
			abort();
		memcpy(copy, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(copy, n);
		free(copy);
		exit(0);
	}
	free(buf);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("replay: waitpid");
			exit(2);
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		failures++;
		fprintf(stderr, "replay: FAIL: %s (%s %d)\n", path,
		    WIFEXITED(status) ? "exit" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	}
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		failures++;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((names = realloc(names, cap * sizeof *names)) == NULL)
				abort();
		}
		names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (names[n] == NULL)
			abort();
		sprintf(names[n], "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		run_path(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');

	name = name != NULL ? name + 1 : argv[0];
	for (int i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%s: %lu inputs, %lu failures\n", name, inputs, failures);
	return failures == 0 ? 0 : 1;
}
