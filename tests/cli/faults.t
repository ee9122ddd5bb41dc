# Faults, for every tool: a full disk, a closed pipe, inputs that cannot
# be read, a TMPDIR that cannot take a spool, memory exhaustion, and
# signals while -o FILE is written.  Each fault has one test per tool,
# in the order prioritize, quadrant, segment, kpi; a new tool gets one
# more test under each heading.  The helpers (rows, low_memory, no_dac,
# wait_for) are in faults.sh.  The tools run on `rows N`, a CSV with
# columns for each: prioritize and quadrant use v and p, segment a, b,
# c and v, kpi groups by g or id.

### prioritize: full disk on standard output: exit 3 with a message
$ . "$TOP/tests/cli/faults.sh"; rows 5 | prioritize --value v --probability p > /dev/full
!prioritize: <stdout>: write error: No space left on device
? 3

### quadrant: full disk on standard output: exit 3 with a message
$ . "$TOP/tests/cli/faults.sh"; rows 5 | quadrant -x v -y p > /dev/full
!quadrant: <stdout>: write error: No space left on device
? 3

### segment: full disk on standard output: exit 3 with a message
$ . "$TOP/tests/cli/faults.sh"; rows 5 | segment --needs a,b,c > /dev/full
!segment: <stdout>: write error: No space left on device
? 3

### kpi: full disk on standard output: exit 3 with a message
$ . "$TOP/tests/cli/faults.sh"; rows 5 | kpi --by g 'n=count()' > /dev/full
!kpi: <stdout>: write error: No space left on device
? 3

### prioritize: full disk with -o (a device is written in place)
$ . "$TOP/tests/cli/faults.sh"; rows 5 | prioritize --value v --probability p -o /dev/full
!prioritize: /dev/full: write error: No space left on device
? 3

### quadrant: full disk with -o (a device is written in place)
$ . "$TOP/tests/cli/faults.sh"; rows 5 | quadrant -x v -y p -o /dev/full
!quadrant: /dev/full: write error: No space left on device
? 3

### segment: full disk with -o (a device is written in place)
$ . "$TOP/tests/cli/faults.sh"; rows 5 | segment --needs a,b,c -o /dev/full
!segment: /dev/full: write error: No space left on device
? 3

### kpi: full disk with -o (a device is written in place)
$ . "$TOP/tests/cli/faults.sh"; rows 5 | kpi --by g 'n=count()' -o /dev/full
!kpi: /dev/full: write error: No space left on device
? 3

### prioritize: -o FILE on a full file system keeps the old FILE and leaves no temporary file
# A file size limit (ulimit -f, with SIGXFSZ ignored) makes write(2) fail
# with EFBIG part way, as ENOSPC would on a full disk.
$ . "$TOP/tests/cli/faults.sh"; echo old > out.csv; rows 20000 > in.csv; (trap '' XFSZ; ulimit -f 64; prioritize --value v --probability p -o out.csv in.csv); echo "rc=$?"; cat out.csv; find . -name '*crmkit*'
>rc=3
>old
!prioritize: out.csv: write error: File too large

### quadrant: -o FILE on a full file system keeps the old FILE and leaves no temporary file
$ . "$TOP/tests/cli/faults.sh"; echo old > out.csv; rows 20000 > in.csv; (trap '' XFSZ; ulimit -f 64; quadrant -x v -y p -o out.csv in.csv); echo "rc=$?"; cat out.csv; find . -name '*crmkit*'
>rc=3
>old
!quadrant: out.csv: write error: File too large

### segment: -o FILE on a full file system keeps the old FILE and leaves no temporary file
$ . "$TOP/tests/cli/faults.sh"; echo old > out.csv; rows 20000 > in.csv; (trap '' XFSZ; ulimit -f 64; segment --needs a,b,c -o out.csv in.csv); echo "rc=$?"; cat out.csv; find . -name '*crmkit*'
>rc=3
>old
!segment: out.csv: write error: File too large

### kpi: -o FILE on a full file system keeps the old FILE and leaves no temporary file
$ . "$TOP/tests/cli/faults.sh"; echo old > out.csv; rows 20000 > in.csv; (trap '' XFSZ; ulimit -f 64; kpi --by id 'n=count()' -o out.csv in.csv); echo "rc=$?"; cat out.csv; find . -name '*crmkit*'
>rc=3
>old
!kpi: out.csv: write error: File too large

### prioritize: a closed pipe ends the tool quietly
# With SIGPIPE ignored (as some job runners start their children), the
# tool sees EPIPE and exits 0; by default SIGPIPE ends it (status 141),
# as it ends cat.  Either way nothing goes to standard error.
$ . "$TOP/tests/cli/faults.sh"; rows 200000 > in.csv; (trap '' PIPE; prioritize --value v --probability p --value-split 1 in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"); env --default-signal=PIPE prioritize --value v --probability p --value-split 1 in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"
>id,v,p,a,b,c,g,priority,expected_value
>rc=0
>id,v,p,a,b,c,g,priority,expected_value
>rc=141

### quadrant: a closed pipe ends the tool quietly
$ . "$TOP/tests/cli/faults.sh"; rows 200000 > in.csv; (trap '' PIPE; quadrant -x v -y p in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"); env --default-signal=PIPE quadrant -x v -y p in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"
>id,v,p,a,b,c,g,quadrant
>rc=0
>id,v,p,a,b,c,g,quadrant
>rc=141

### segment: a closed pipe ends the tool quietly
$ . "$TOP/tests/cli/faults.sh"; rows 200000 > in.csv; (trap '' PIPE; segment --needs a,b,c in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"); env --default-signal=PIPE segment --needs a,b,c in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"
>id,v,p,a,b,c,g,segment
>rc=0
>id,v,p,a,b,c,g,segment
>rc=141

### kpi: a closed pipe ends the tool quietly
$ . "$TOP/tests/cli/faults.sh"; rows 200000 > in.csv; (trap '' PIPE; kpi --by id 'n=count()' in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"); env --default-signal=PIPE kpi --by id 'n=count()' in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"
>id,n
>rc=0
>id,n
>rc=141

### a closed pipe while sorted output is written from its spool
$ . "$TOP/tests/cli/faults.sh"; rows 200000 > in.csv; (trap '' PIPE; prioritize --value v --probability p --value-split 1 --sort in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"); env --default-signal=PIPE prioritize --value v --probability p --value-split 1 --sort in.csv | head -n 1; echo "rc=${PIPESTATUS[0]}"
>id,v,p,a,b,c,g,priority,expected_value
>rc=0
>id,v,p,a,b,c,g,priority,expected_value
>rc=141

### prioritize: a missing file: exit 3 naming it
$ prioritize --value v --probability p nosuch.csv
!prioritize: nosuch.csv: cannot open: No such file or directory
? 3

### quadrant: a missing file: exit 3 naming it
$ quadrant -x v -y p nosuch.csv
!quadrant: nosuch.csv: cannot open: No such file or directory
? 3

### segment: a missing file: exit 3 naming it
$ segment --needs a,b,c nosuch.csv
!segment: nosuch.csv: cannot open: No such file or directory
? 3

### kpi: a missing file: exit 3 naming it
$ kpi --by g 'n=count()' nosuch.csv
!kpi: nosuch.csv: cannot open: No such file or directory
? 3

### prioritize: a directory: exit 3 naming it
$ prioritize --value v --probability p .
!prioritize: .: cannot read: Is a directory
? 3

### quadrant: a directory: exit 3 naming it
$ quadrant -x v -y p .
!quadrant: .: cannot read: Is a directory
? 3

### segment: a directory: exit 3 naming it
$ segment --needs a,b,c .
!segment: .: cannot read: Is a directory
? 3

### kpi: a directory: exit 3 naming it
$ kpi --by g 'n=count()' .
!kpi: .: cannot read: Is a directory
? 3

### prioritize: an unreadable file: exit 3 naming it (readable, the same run works)
# Root reads any file; no_dac drops the capabilities that allow it.
$ . "$TOP/tests/cli/faults.sh"; rows 2 > in.csv; no_dac prioritize --value v --probability p in.csv | wc -l; chmod 000 in.csv; no_dac prioritize --value v --probability p in.csv
>3
!prioritize: in.csv: cannot open: Permission denied
? 3

### quadrant: an unreadable file: exit 3 naming it (readable, the same run works)
$ . "$TOP/tests/cli/faults.sh"; rows 2 > in.csv; no_dac quadrant -x v -y p in.csv | wc -l; chmod 000 in.csv; no_dac quadrant -x v -y p in.csv
>3
!quadrant: in.csv: cannot open: Permission denied
? 3

### segment: an unreadable file: exit 3 naming it (readable, the same run works)
$ . "$TOP/tests/cli/faults.sh"; rows 2 > in.csv; no_dac segment --needs a,b,c in.csv | wc -l; chmod 000 in.csv; no_dac segment --needs a,b,c in.csv
>3
!segment: in.csv: cannot open: Permission denied
? 3

### kpi: an unreadable file: exit 3 naming it (readable, the same run works)
$ . "$TOP/tests/cli/faults.sh"; rows 2 > in.csv; no_dac kpi --by g 'n=count()' in.csv | wc -l; chmod 000 in.csv; no_dac kpi --by g 'n=count()' in.csv
>3
!kpi: in.csv: cannot open: Permission denied
? 3

### prioritize: -o FILE in a directory that cannot be written: exit 3 naming it
$ . "$TOP/tests/cli/faults.sh"; mkdir ro; chmod 555 ro; rows 2 | no_dac prioritize --value v --probability p -o ro/out.csv
!prioritize: ro/out.csv: cannot create temporary file in ro: Permission denied
? 3

### quadrant: -o FILE in a directory that cannot be written: exit 3 naming it
$ . "$TOP/tests/cli/faults.sh"; mkdir ro; chmod 555 ro; rows 2 | no_dac quadrant -x v -y p -o ro/out.csv
!quadrant: ro/out.csv: cannot create temporary file in ro: Permission denied
? 3

### segment: -o FILE in a directory that cannot be written: exit 3 naming it
$ . "$TOP/tests/cli/faults.sh"; mkdir ro; chmod 555 ro; rows 2 | no_dac segment --needs a,b,c -o ro/out.csv
!segment: ro/out.csv: cannot create temporary file in ro: Permission denied
? 3

### kpi: -o FILE in a directory that cannot be written: exit 3 naming it
$ . "$TOP/tests/cli/faults.sh"; mkdir ro; chmod 555 ro; rows 2 | no_dac kpi --by g 'n=count()' -o ro/out.csv
!kpi: ro/out.csv: cannot create temporary file in ro: Permission denied
? 3

### prioritize: TMPDIR that does not exist, when standard input must be spooled: exit 3
# kpi reads its input once and needs no spool: it works.  (Not under
# valgrind, which needs a TMPDIR itself: nowrap.)
$ . "$TOP/tests/cli/faults.sh"; rows 5 | TMPDIR=/nonexistent nowrap prioritize --value v --probability p
!prioritize: cannot create temporary file in /nonexistent: No such file or directory
? 3

### quadrant: TMPDIR that does not exist, when standard input must be spooled: exit 3
$ . "$TOP/tests/cli/faults.sh"; rows 5 | TMPDIR=/nonexistent nowrap quadrant -x v -y p
!quadrant: cannot create temporary file in /nonexistent: No such file or directory
? 3

### segment: TMPDIR that does not exist, when standard input must be spooled: exit 3
$ . "$TOP/tests/cli/faults.sh"; rows 5 | TMPDIR=/nonexistent nowrap segment --abc v
!segment: cannot create temporary file in /nonexistent: No such file or directory
? 3

### kpi: TMPDIR that does not exist, when standard input must be spooled: exit 3
$ . "$TOP/tests/cli/faults.sh"; rows 5 | TMPDIR=/nonexistent nowrap kpi 'n=count()'
>n
>5

### TMPDIR that does not exist, for the --sort spool
$ . "$TOP/tests/cli/faults.sh"; rows 5 > in.csv; TMPDIR=/nonexistent nowrap prioritize --value v --probability p --sort in.csv
!prioritize: cannot create temporary file in /nonexistent: No such file or directory
? 3

### prioritize: a full TMPDIR while standard input is spooled: exit 3
# As above, a file size limit stands for the full disk.
$ . "$TOP/tests/cli/faults.sh"; mkdir tmp; rows 20000 | (trap '' XFSZ; ulimit -f 64; TMPDIR=tmp prioritize --value v --probability p) | wc -l; echo "rc=${PIPESTATUS[1]}"
>0
>rc=3
!prioritize: cannot spool standard input to tmp: File too large

### quadrant: a full TMPDIR while standard input is spooled: exit 3
$ . "$TOP/tests/cli/faults.sh"; mkdir tmp; rows 20000 | (trap '' XFSZ; ulimit -f 64; TMPDIR=tmp quadrant -x v -y p) | wc -l; echo "rc=${PIPESTATUS[1]}"
>0
>rc=3
!quadrant: cannot spool standard input to tmp: File too large

### segment: a full TMPDIR while standard input is spooled: exit 3
$ . "$TOP/tests/cli/faults.sh"; mkdir tmp; rows 20000 | (trap '' XFSZ; ulimit -f 64; TMPDIR=tmp segment --abc v) | wc -l; echo "rc=${PIPESTATUS[1]}"
>0
>rc=3
!segment: cannot spool standard input to tmp: File too large

### a full TMPDIR while --sort spools its rows
$ . "$TOP/tests/cli/faults.sh"; mkdir tmp; rows 20000 > in.csv; (trap '' XFSZ; ulimit -f 64; TMPDIR=tmp prioritize --value v --probability p --value-split 1 --sort in.csv) | wc -l; echo "rc=${PIPESTATUS[0]}"
>0
>rc=3
!prioritize: sort spool: write error: File too large

### prioritize: memory exhaustion: exit 3 with a message, no crash (a 64 MB field)
$ . "$TOP/tests/cli/faults.sh"; long_field 26 | low_memory prioritize --value v --probability p --value-split 1 > /dev/null
!prioritize: out of memory
? 3

### quadrant: memory exhaustion: exit 3 with a message, no crash (a 64 MB field)
$ . "$TOP/tests/cli/faults.sh"; long_field 26 | low_memory quadrant -x v -y p --x-split 1 --y-split 1 > /dev/null
!quadrant: out of memory
? 3

### segment: memory exhaustion: exit 3 with a message, no crash (a 64 MB field)
$ . "$TOP/tests/cli/faults.sh"; long_field 26 | low_memory segment --needs a,b,c > /dev/null
!segment: out of memory
? 3

### kpi: memory exhaustion: exit 3 with a message, no crash (a 64 MB field)
$ . "$TOP/tests/cli/faults.sh"; long_field 26 | low_memory kpi --by g 'n=count()' > /dev/null
!kpi: out of memory
? 3

### memory exhaustion inside libcsv (a 16 MB quoted field)
$ . "$TOP/tests/cli/faults.sh"; long_field 24 quoted | LOW_MEMORY_KB=45000 low_memory prioritize --value v --probability p --value-split 1 > /dev/null
!prioritize: out of memory
? 3

### prioritize: SIGTERM while writing -o FILE: the old FILE stays, no temporary file is left
# The input is a FIFO that stays open: the signal comes when the tool
# has read all that was written and waits for more, its temporary file
# written (quadrant, two-pass, and kpi write at the end: still empty).
# The streaming tools get 60000 rows (1.3 MB): the reader thread may hold
# up to one batch (256 KiB) while it waits, and output reaches the file
# 256 KiB at a time, so with fewer rows whether anything was written
# would depend on where the batches happened to end.
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; prioritize --value v --probability p --value-split 1 -o out.csv in & exec 3> in; rows 60000 >&3; wait_idle $!; temps; kill -TERM $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: written
>rc=143
>old

### quadrant: SIGTERM while writing -o FILE: the old FILE stays, no temporary file is left
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; quadrant -x v -y p -o out.csv in & exec 3> in; rows 20000 >&3; wait_idle $!; temps; kill -TERM $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: empty
>rc=143
>old

### segment: SIGTERM while writing -o FILE: the old FILE stays, no temporary file is left
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; segment --needs a,b,c -o out.csv in & exec 3> in; rows 60000 >&3; wait_idle $!; temps; kill -TERM $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: written
>rc=143
>old

### kpi: SIGTERM while writing -o FILE: the old FILE stays, no temporary file is left
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; kpi --by id 'n=count()' -o out.csv in & exec 3> in; rows 20000 >&3; wait_idle $!; temps; kill -TERM $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: empty
>rc=143
>old

### prioritize: SIGINT while writing -o FILE: the same
# A shell starts background jobs with SIGINT ignored, and the tools keep
# an ignored signal ignored (as nohup expects): env restores the default.
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; env --default-signal=INT prioritize --value v --probability p --value-split 1 -o out.csv in & exec 3> in; rows 60000 >&3; wait_idle $!; temps; kill -INT $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: written
>rc=130
>old

### quadrant: SIGINT while writing -o FILE: the same
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; env --default-signal=INT quadrant -x v -y p -o out.csv in & exec 3> in; rows 20000 >&3; wait_idle $!; temps; kill -INT $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: empty
>rc=130
>old

### segment: SIGINT while writing -o FILE: the same
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; env --default-signal=INT segment --needs a,b,c -o out.csv in & exec 3> in; rows 60000 >&3; wait_idle $!; temps; kill -INT $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: written
>rc=130
>old

### kpi: SIGINT while writing -o FILE: the same
$ . "$TOP/tests/cli/faults.sh"; mkfifo in; echo old > out.csv; env --default-signal=INT kpi --by id 'n=count()' -o out.csv in & exec 3> in; rows 20000 >&3; wait_idle $!; temps; kill -INT $!; wait $!; echo "rc=$?"; exec 3>&-; cat out.csv; find . -name '*crmkit*'
>temporary file: empty
>rc=130
>old
