# SPDX-License-Identifier: GPL-2.0
# slsec: sidelink group security.  `make help` lists the targets.

# The running kernel's headers when they are installed, else the newest.
KDIR ?= $(firstword $(realpath /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))
# Each kernel tree gets its own copy of the module sources, so builds for
# the stock and the debug kernel never mix objects.
MODDIR ?= build/$(notdir $(KDIR))
# The release modules install under (Debian's kernel.release differs).
KVER = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h)
PREFIX ?= /usr/local
DESTDIR ?=
KSRC := Kbuild $(shell find kmod uapi tests/kunit -name '*.[ch]' -o -name Kbuild)

.PHONY: all module tool deps lint analyze install uninstall clean check stress demo bench deb help print-kdir

all: module tool

help:
	@echo "make            build slsec.ko (KDIR=$(KDIR)) and tools/slsec"
	@echo "make deps       install the Debian packages slsec needs"
	@echo "make check      build everything and run all tests in QEMU"
	@echo "make stress     long stress and fuzz runs on the debug kernel"
	@echo "                (STRESS_ROUNDS, STRESS_SECONDS, FUZZ_SECONDS, FUZZ_SEED)"
	@echo "make demo       boot the stock kernel in QEMU and show slsec working"
	@echo "make bench      slsec vs plaintext, MACsec, ESP, WireGuard in one VM boot"
	@echo "                (QUICK=1: 3 min, two sizes, two repetitions, one"
	@echo "                receiver); results in tests/bench/results/"
	@echo "make lint       checkpatch --strict, sparse, W=1"
	@echo "make analyze    cppcheck and clang's analyzer (tool), coccinelle (module)"
	@echo "make deb        slsec-dkms and slsec-tools .debs in build/deb, lintian"
	@echo "make install    install module, tool and man page (DESTDIR, PREFIX)"
	@echo "make uninstall  remove what install put in place"
	@echo "make clean      remove build products (not the kernel cache)"

module: $(MODDIR)/kmod/slsec.ko

$(MODDIR)/kmod/slsec.ko: $(KSRC)
	@test -d "$(KDIR)" || { echo "KDIR=$(KDIR) not found: run 'make deps' or set KDIR" >&2; exit 1; }
	@mkdir -p $(MODDIR)
	@cp -a --parents $(KSRC) $(MODDIR)/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(MODDIR) $(KBUILD_OPTS) modules

# For scripts: the kernel tree a plain `make` builds against.
print-kdir:
	@echo $(KDIR) $(KVER)

tool:
	$(MAKE) -C tools

deps:
	@tests/vm/deps.sh

lint:
	@tests/lint.sh

analyze:
	@tests/analyze.sh

install: all
	install -D -m 0644 $(MODDIR)/kmod/slsec.ko \
		$(DESTDIR)/lib/modules/$(KVER)/extra/slsec.ko
	install -D -m 0755 tools/slsec $(DESTDIR)$(PREFIX)/sbin/slsec
	install -D -m 0644 Documentation/slsec.8 $(DESTDIR)$(PREFIX)/share/man/man8/slsec.8
	-test -n "$(DESTDIR)" || depmod -a $(KVER)

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/slsec.ko
	rm -f $(DESTDIR)$(PREFIX)/sbin/slsec $(DESTDIR)$(PREFIX)/share/man/man8/slsec.8
	-test -n "$(DESTDIR)" || depmod -a $(KVER)

clean:
	rm -rf build
	$(MAKE) -C tools clean
	$(MAKE) -C tests/fuzz clean

check:
	@tests/check.sh

stress:
	@tests/stress-long.sh

deb:
	@tests/vm/deps.sh deb
	@tests/deb.sh

demo:
	@tests/demo.sh

bench:
	@QUICK=$(QUICK) tests/bench/bench.sh
