# crmkit: the only build entry point.
#   make            libcrm and every tool into bin/
#   make deps       install missing Debian packages (as root) or print the command
#   make check      unit tests, CLI golden tests, man page lint, sanitizer leg
#   make check-scale the partition recipes (parallel, Hadoop) on 1 M rows
#   make demo       the demo report on examples/
#   make bench      throughput and memory beside Miller, DuckDB and others
#   make bench-10m  peak memory at 10 million rows beside 1 million
#   make fuzz       run every fuzz harness for FUZZ_SECONDS
#   make install    PREFIX=/usr/local DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
DATADIR   = $(PREFIX)/share/crmkit

CC       ?= cc
OPT      ?= -O2
CFLAGS   ?= -g $(OPT)
CPPFLAGS += -Ilibcrm -D_POSIX_C_SOURCE=200809L -DCRMKIT_VERSION='"$(VERSION)"' \
            -DCRMKIT_DATADIR='"$(DATADIR)"'
WFLAGS    = -std=c11 -Wall -Wextra -Werror
LDLIBS   += -lcsv -lm -pthread

# libclang-rt-14-dev: libFuzzer for make fuzz (clang 14 on Debian 12);
# cppcheck and clang-tidy: make lint.  libgsl-dev: clv's fit;
# libxlsxwriter-dev: report --format xlsx; librsvg2-dev: plot --format png.
# In the tests: python3-openpyxl reads xlsx back, xmllint checks SVG,
# chromium renders the HTML report, parallel runs the partition recipes.
DEBIAN_PACKAGES = build-essential clang libcsv-dev libcmocka-dev mandoc valgrind \
                  libclang-rt-14-dev cppcheck clang-tidy pkg-config \
                  libgsl-dev libxlsxwriter-dev librsvg2-dev \
                  python3-openpyxl libxml2-utils parallel chromium

LIB_SRC   = $(wildcard libcrm/*.c)
LIB_HDR   = $(wildcard libcrm/*.h)
TOOL_SRC  = $(wildcard tools/*.c)
TOOLS     = $(patsubst tools/%.c,%,$(TOOL_SRC))
UNIT_SRC  = $(wildcard tests/unit/test_*.c)

# Libraries that only some programs link, set per target below as
# EXTRA_LIBS (link) and EXTRA_CFLAGS (compile): a tool links only what
# it uses, so the streaming tools start as fast as before.
GSL_LIBS    = -lgsl -lgslcblas
XLSX_LIBS   = -lxlsxwriter
RSVG_CFLAGS = $(shell pkg-config --cflags librsvg-2.0 2>/dev/null)
RSVG_LIBS   = $(shell pkg-config --libs librsvg-2.0 2>/dev/null)
MANPAGES  = $(wildcard man/*.[17])

# Every build flavour lives in its own directory: build/ (release),
# build/asan (ASan+UBSan).  B is the flavour's directory.
B ?= build

LIB_OBJ   = $(patsubst libcrm/%.c,$(B)/libcrm/%.o,$(LIB_SRC))
LIB_A     = $(B)/libcrm.a
BINS      = $(patsubst %,$(B)/bin/%,$(TOOLS))
UNITS     = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))

# Objects depend on the flags they were built with, so that a changed
# PREFIX (compiled in as CRMKIT_DATADIR) or CFLAGS rebuilds them.
FLAGS_STAMP = $(B)/.flags
FLAGS_TEXT  = $(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(LDFLAGS)

.PHONY: all deps check check-unit check-cli check-man check-asan check-tsan \
        check-fuzz check-valgrind check-scale demo bench bench-10m fuzz lint install clean tools units

all: tools
	@mkdir -p bin
	@for t in $(TOOLS); do cp -f $(B)/bin/$$t bin/$$t; done

tools: $(BINS)
units: $(UNITS)

$(FLAGS_STAMP): FORCE
	@mkdir -p $(B)
	@echo '$(FLAGS_TEXT)' | cmp -s - $@ || echo '$(FLAGS_TEXT)' > $@

FORCE:

$(B)/libcrm/%.o: libcrm/%.c $(LIB_HDR) $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/bin/%: tools/%.c $(LIB_A) $(LIB_HDR) $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) -o $@ $< $(LIB_A) $(LDFLAGS) $(EXTRA_LIBS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(LIB_A) $(LIB_HDR) $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) -o $@ $< $(LIB_A) $(LDFLAGS) $(EXTRA_LIBS) $(LDLIBS) -lcmocka

# Per-target libraries (see EXTRA_LIBS above).  A libcrm module that
# includes a library's headers gets its EXTRA_CFLAGS here too.
$(B)/bin/clv $(B)/tests/test_btyd: EXTRA_LIBS = $(GSL_LIBS)
$(B)/bin/report $(B)/tests/test_xlsx: EXTRA_LIBS = $(XLSX_LIBS)
$(B)/bin/plot $(B)/tests/test_png: EXTRA_LIBS = $(RSVG_LIBS)
$(B)/libcrm/crm_png.o $(B)/tests/test_png: EXTRA_CFLAGS = $(RSVG_CFLAGS)

deps:
	@sh tests/deps.sh $(DEBIAN_PACKAGES)

# ------------------------------------------------------------------
# Tests

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory check-unit check-cli check-man check-fuzz
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory check-tsan

check-unit: units
	@sh tests/run-units.sh $(UNITS)

check-cli: tools
	@CRM_BIN=$(CURDIR)/$(B)/bin bash tests/cli/run.sh tests/cli/*.t

check-man:
	@sh tests/lint-man.sh $(MANPAGES)

ASAN_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
             -fno-sanitize-recover=all
# The sanitizer leg is built with clang when it is there, so that one
# `make check` compiles everything warning-free under gcc and clang.
ASAN_CC = $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
check-asan:
	@$(MAKE) --no-print-directory B=build/asan CC=$(ASAN_CC) CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" tools units
	@echo "== sanitizer leg (ASan+UBSan, $(ASAN_CC))"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	 sh tests/run-units.sh $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	 CRM_BIN=$(CURDIR)/build/asan/bin bash tests/cli/run.sh tests/cli/*.t

# The thread sanitizer leg, built in build/tsan: crm_ahead's reader
# thread (every tool reads its input through it) and the two halves of
# split reading under TSan, in the unit tests that read through crm_input
# and in every CLI test; and crm_num parsing in two threads (test_num).  A report fails the test it occurs in (exit
# status 99, a message on standard error).  Thread leaks in the tools are
# not reported: one that exits on a data error (crm_die) leaves its
# reader thread unjoined, and exit ends it.
TSAN_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=thread
TSAN_UNITS = build/tsan/tests/test_ahead build/tsan/tests/test_csv \
             build/tsan/tests/test_conformance build/tsan/tests/test_halves \
             build/tsan/tests/test_num
check-tsan:
	@$(MAKE) --no-print-directory B=build/tsan CC=$(ASAN_CC) CFLAGS="$(TSAN_FLAGS)" \
	    LDFLAGS="-fsanitize=thread" tools units
	@echo "== thread sanitizer leg (TSan, $(ASAN_CC))"
	@TSAN_OPTIONS=halt_on_error=1:exitcode=99 sh tests/run-units.sh $(TSAN_UNITS)
	@TSAN_OPTIONS=halt_on_error=1:exitcode=99:report_thread_leaks=0:suppressions=$(CURDIR)/tests/supp/tsan.supp \
	 CRM_BIN=$(CURDIR)/build/tsan/bin bash tests/cli/run.sh tests/cli/*.t

# Definite leaks fail a test.  "Possibly lost" is not shown: a tool that
# exits on a data error leaves its reader thread (crm_ahead) running, and
# the thread's stack and TLS then look possibly lost; joining it first
# could wait forever on a pipe whose writer goes on.
# tests/supp/valgrind.supp holds what fontconfig keeps on purpose (plot's
# PNG charts), nothing of crmkit's.  The .t files are spread over
# VALGRIND_JOBS runners side by side (tests/cli/run.sh, CRM_JOBS).
VALGRIND_JOBS ?= 2
check-valgrind: tools
	@CRM_BIN=$(CURDIR)/$(B)/bin CRM_JOBS=$(VALGRIND_JOBS) \
	 CRM_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-possibly-lost=no --suppressions=$(CURDIR)/tests/supp/valgrind.supp" \
	 bash tests/cli/run.sh tests/cli/*.t

# Built with check-asan's compiler too: build/asan's objects then serve
# both legs (their flags stamp names the compiler), not built twice.
check-fuzz:
	@if [ -f tests/fuzz/Makefile.inc ]; then $(MAKE) --no-print-directory -f tests/fuzz/Makefile.inc CC=$(ASAN_CC) ASAN_FLAGS="$(ASAN_FLAGS)" replay; fi

FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory -f tests/fuzz/Makefile.inc FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz

lint:
	@sh tests/lint.sh

# ------------------------------------------------------------------

demo: deps
	@$(MAKE) --no-print-directory all
	@sh examples/report.sh

# The benchmark's own programs: the data generator and the timer.
BENCH_TOOLS = $(B)/gen $(B)/benchrun
$(B)/gen: tests/bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) -O2 -D_POSIX_C_SOURCE=200809L -o $@ $< -lm
$(B)/benchrun: tests/bench/benchrun.c
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) -O2 -D_POSIX_C_SOURCE=200809L -o $@ $<
# clv's bench: customers drawn from the BG/NBD and Gamma-Gamma processes.
BENCH_TOOLS += $(B)/gen_btyd
$(B)/gen_btyd: tests/bench/gen_btyd.c
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) -O2 -D_POSIX_C_SOURCE=200809L -o $@ $< -lm

bench: all $(BENCH_TOOLS) $(B)/datebench
	@$(B)/datebench
	@sh tests/bench/bench.sh

# The recipes of README "Beyond one machine" (GNU parallel, a Hadoop
# Streaming simulation) on a generated 1 M-row export, each against the
# single run, byte for byte.
check-scale: tools $(B)/gen
	@CRM_BIN=$(CURDIR)/$(B)/bin bash tests/scale/run.sh
# The date parser alone, in MB/s of date fields (crm_date).
$(B)/datebench: tests/bench/datebench.c $(LIB_A) $(LIB_HDR) $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WFLAGS) $(CFLAGS) -o $@ $< $(LIB_A) $(LDFLAGS) $(LDLIBS)

# Peak memory of every tool at 10 million rows beside 1 million.
bench-10m: all $(BENCH_TOOLS)
	@BENCH_MEMORY=1 sh tests/bench/bench.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)
	for t in $(TOOLS); do install -m 755 bin/$$t $(DESTDIR)$(BINDIR)/$$t; done
	for m in man/*.1; do [ -f "$$m" ] && install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done; true
	for m in man/*.7; do [ -f "$$m" ] && install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done; true
	for f in share/*; do [ -f "$$f" ] && install -m 644 $$f $(DESTDIR)$(DATADIR)/; done; true

clean:
	rm -rf build bin
