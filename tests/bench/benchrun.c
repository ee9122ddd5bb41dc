/*
 * benchrun - run one command of the benchmark and report its wall time
 * and peak resident memory.
 *
 * Usage: benchrun [-i IN] [-o OUT] COMMAND [ARG ...]
 *
 * Runs COMMAND with standard input from IN (default /dev/null) and
 * standard output to OUT (default /dev/null), waits for it and prints
 * one line on standard output:
 *
 *     SECONDS PEAK_RSS_KB
 *
 * SECONDS is wall-clock time (CLOCK_MONOTONIC) from just before fork to
 * the end of the command.  PEAK_RSS_KB is the largest resident set of
 * the command or of any process it waited for (getrusage
 * RUSAGE_CHILDREN), so `benchrun sh -c 'a | b | c'` reports the largest
 * stage of a pipeline.  Exit status: COMMAND's (1 if it was killed by a
 * signal, 2 on a usage error), with a message on standard error when it
 * is not 0.
 *
 * Build: cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o build/benchrun \
 *            tests/bench/benchrun.c
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fputs("usage: benchrun [-i IN] [-o OUT] COMMAND [ARG ...]\n", stderr);
	exit(2);
}

static void
redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0666);

	if (f < 0) {
		fprintf(stderr, "benchrun: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

int
main(int argc, char **argv)
{
	const char *in = "/dev/null", *out = "/dev/null";
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int opt, st;

	while ((opt = getopt(argc, argv, "+i:o:")) != -1) {
		switch (opt) {
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("benchrun: fork");
		return 1;
	}
	if (pid == 0) {
		redirect(in, STDIN_FILENO, O_RDONLY);
		redirect(out, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "benchrun: %s: %s\n", argv[optind],
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("benchrun: waitpid");
			return 1;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%.6f %ld\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	fprintf(stderr, "benchrun: %s failed (%s %d)\n", argv[optind],
	    WIFEXITED(st) ? "exit status" : "signal",
	    WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
