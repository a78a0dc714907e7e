SHELL := /bin/bash
# cardtoken - the front door.
#   make test    install what is missing, build everything, run every suite
#   make demo    the four gateways from Python and PHP against the sandbox
# Other targets: core, describe, generate, check-generated, format-check,
# test-c, test-asan, test-python, test-php, pecl,
# test-bare, test-matrix, wheel, wheel-check, bench, fuzz, check-memory,
# format, clean.

CC      ?= cc
BUILD   := build
# PYTHON is the interpreter the project venv is made from; every Python step
# runs in that venv (build/venv), never in the system Python.
PYTHON  ?= python3
VENV    ?= $(BUILD)/venv
VPY     := $(CURDIR)/$(VENV)/bin/python
export CARDTOKEN_VENV := $(VENV)
# The core's flags: core/build.mk (also read by fuzz/, setup.py, config.m4).
include core/build.mk
CFLAGS_COMMON := $(CT_CSTD) $(CT_WARN) $(CT_WERROR) $(CT_HIDDEN) -Icore/include
PKG_CFLAGS = $(shell pkg-config --cflags libcurl openssl jansson)
PKG_LIBS   = $(shell pkg-config --libs libcurl openssl jansson) -lpthread
CORE_SRC := $(wildcard core/src/*.c)
CORE_HDR := core/include/cardtoken.h $(wildcard core/src/*.h)
CORE_OBJ := $(patsubst core/src/%.c,$(BUILD)/c/obj/%.o,$(CORE_SRC))

.PHONY: all deps core describe generate check-generated format-check test test-c test-asan test-python test-php pecl demo bench test-bare test-matrix \
        wheel wheel-check wheel-check-bare fuzz check-memory format clean

all: core

deps:
	@scripts/deps.sh

# ---- C core ------------------------------------------------------------
$(BUILD)/c/libcardtoken.a: $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(BUILD)/c/obj
	@for f in $(CORE_SRC); do \
	  $(CC) $(CFLAGS_COMMON) -O2 -fPIC $(PKG_CFLAGS) -c $$f -o $(BUILD)/c/obj/$$(basename $$f .c).o || exit 1; \
	done
	@ar rcs $@ $(BUILD)/c/obj/*.o

core: $(BUILD)/c/libcardtoken.a

$(BUILD)/c/test_vectors: tests/c/test_vectors.c $(BUILD)/c/libcardtoken.a
	$(CC) $(CFLAGS_COMMON) -O1 -g $(PKG_CFLAGS) $< $(BUILD)/c/libcardtoken.a $(PKG_LIBS) -o $@

$(BUILD)/c/test_core: tests/c/test_core.c tests/c/test_writers.c tests/c/expect.h $(CORE_SRC) $(CORE_HDR)
	$(CC) $(CFLAGS_COMMON) -O1 -g -DCT_ALLOC_TEST -Icore/src $(PKG_CFLAGS) tests/c/test_core.c tests/c/test_writers.c $(CORE_SRC) $(PKG_LIBS) -o $@

$(BUILD)/c/test_describe: tests/c/test_describe.c tests/c/expect.h $(BUILD)/c/libcardtoken.a
	$(CC) $(CFLAGS_COMMON) -O1 -g $(PKG_CFLAGS) $< $(BUILD)/c/libcardtoken.a $(PKG_LIBS) -o $@

# The description of every gateway and operation, as JSON (the stub and
# docs generators read it).
$(BUILD)/c/ct_describe: tools/ct_describe.c $(BUILD)/c/libcardtoken.a
	$(CC) $(CFLAGS_COMMON) -O1 $< $(BUILD)/c/libcardtoken.a $(PKG_LIBS) -o $@

describe: $(BUILD)/c/ct_describe
	@$(BUILD)/c/ct_describe >/dev/null && echo "$(BUILD)/c/ct_describe"

$(BUILD)/c/test_doctor: tests/c/test_doctor.c tests/c/expect.h $(CORE_SRC) $(CORE_HDR)
	$(CC) $(CFLAGS_COMMON) -O1 -g -DCT_ALLOC_TEST $(PKG_CFLAGS) tests/c/test_doctor.c $(CORE_SRC) $(PKG_LIBS) -o $@

test-c: deps $(BUILD)/c/test_vectors $(BUILD)/c/test_core $(BUILD)/c/test_describe $(BUILD)/c/ct_describe $(BUILD)/c/test_doctor
	@mkdir -p $(BUILD)/results
	@$(BUILD)/c/test_vectors tests/vectors | tee $(BUILD)/results/c-vectors.log | tail -n 5
	@$(BUILD)/c/test_core tests/vectors | tee $(BUILD)/results/c-core.log | tail -n 5
	@$(BUILD)/c/test_doctor tests/vectors | tee $(BUILD)/results/c-doctor.log | tail -n 5
	@$(BUILD)/c/test_describe | tee $(BUILD)/results/c-describe.log | tail -n 5
	@scripts/check-core-deps.py $(CORE_OBJ) > $(BUILD)/results/core-deps.log; rc=$$?; \
	  grep -E '^(mutual|core-deps)' $(BUILD)/results/core-deps.log; exit $$rc
	@if $(BUILD)/c/ct_describe | $(VPY) -c 'import json,sys; d=json.load(sys.stdin); assert d["gateways"] and all(g["ops"] and g["options"] for g in d["gateways"])'; \
	  then echo "ct_describe: 1 passed, 0 failed"; else echo "ct_describe: 0 passed, 1 failed"; exit 1; fi

# The same suites under AddressSanitizer + UndefinedBehaviorSanitizer.
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
test-asan: deps
	@mkdir -p $(BUILD)/asan $(BUILD)/results
	clang $(CFLAGS_COMMON) -O1 -g $(ASAN_FLAGS) $(PKG_CFLAGS) tests/c/test_vectors.c $(CORE_SRC) $(PKG_LIBS) -o $(BUILD)/asan/test_vectors
	clang $(CFLAGS_COMMON) -O1 -g $(ASAN_FLAGS) -DCT_ALLOC_TEST -Icore/src $(PKG_CFLAGS) tests/c/test_core.c tests/c/test_writers.c $(CORE_SRC) $(PKG_LIBS) -o $(BUILD)/asan/test_core
	@ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan/test_vectors tests/vectors | sed 's/^vectors:/asan-vectors:/' | tee $(BUILD)/results/asan-vectors.log | tail -n 5
	clang $(CFLAGS_COMMON) -O1 -g $(ASAN_FLAGS) $(PKG_CFLAGS) tests/c/test_describe.c $(CORE_SRC) $(PKG_LIBS) -o $(BUILD)/asan/test_describe
	@ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan/test_core tests/vectors | sed 's/^core:/asan-core:/' | tee $(BUILD)/results/asan-core.log | tail -n 5
	clang $(CFLAGS_COMMON) -O1 -g $(ASAN_FLAGS) -DCT_ALLOC_TEST $(PKG_CFLAGS) tests/c/test_doctor.c $(CORE_SRC) $(PKG_LIBS) -o $(BUILD)/asan/test_doctor
	@ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan/test_doctor tests/vectors | sed 's/^doctor:/asan-doctor:/' | tee $(BUILD)/results/asan-doctor.log | tail -n 5
	@ASAN_OPTIONS=detect_leaks=1 $(BUILD)/asan/test_describe | sed 's/^describe:/asan-describe:/' | tee $(BUILD)/results/asan-describe.log | tail -n 5

# ---- Python ------------------------------------------------------------
test-python: deps
	@mkdir -p $(BUILD)/results
	$(VPY) -m pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps .
	$(VPY) -m pytest -q -p no:cacheprovider --junitxml=$(BUILD)/results/python.xml tests/python
	@if $(VPY) -m mypy.stubtest cardtoken --allowlist python/stubtest-allowlist.txt; \
	  then echo "stubtest: 1 passed, 0 failed"; else echo "stubtest: 0 passed, 1 failed"; exit 1; fi

# ---- PHP ---------------------------------------------------------------
# The phpt suite starts the sandbox with the venv's Python (PYTHON there).
test-php: deps
	@mkdir -p $(BUILD)/results
	php/build.sh build
	php/build.sh check-arginfo
	PYTHON=$(VPY) php/build.sh test
	PYTHON=$(VPY) php/build.sh pecl-check

# The PECL tarball: build/cardtoken-<version>.tgz (pecl install ./that.tgz),
# built, installed into a scratch PEAR root and loaded there; needs only the
# PHP build packages and no root.
pecl:
	@scripts/deps.sh build php
	php/build.sh pecl

# ---- generated files ----------------------------------------------------
# The Python stubs, the PHP stub (then its arginfo) and docs/operations.md
# are generated from the core's description (build/c/ct_describe).
generate: $(BUILD)/c/ct_describe
	$(PYTHON) scripts/gen_stubs.py
	php/build.sh gen-arginfo

# Regenerates into a temporary folder and fails when a committed copy differs.
check-generated:
	@scripts/check_generated.sh

# ---- format --------------------------------------------------------------
# clang-format over the core and the shims (not the generated PHP headers).
FORMAT_FILES = $(wildcard core/include/*.h core/src/*.c core/src/*.h tools/*.c \
                 tests/c/test_describe.c tests/c/test_writers.c tests/c/expect.h) \
               $(wildcard python/cardtoken/*.c python/cardtoken/*.h) \
               $(filter-out php/cardtoken_arginfo.h php/cardtoken_classes.h,$(wildcard php/*.c php/*.h))

format-check:
	@bad=0; n=0; for f in $(FORMAT_FILES); do n=$$((n + 1)); \
	  if ! clang-format --dry-run -Werror $$f >/dev/null 2>&1; then \
	    echo "not formatted: $$f (make format)"; bad=$$((bad + 1)); fi; done; \
	  echo "format: $$((n - bad)) passed, $$bad failed"; [ $$bad -eq 0 ]

# ---- everything --------------------------------------------------------
test:
	@scripts/run-tests.sh

demo:
	@scripts/deps.sh build python php venv
	@PYTHON=$(VPY) scripts/demo.sh

# A bare Debian root (debootstrap) runs make test and make demo from a clone of
# HEAD; BARE_SUITE=trixie for Debian 13. Needs root.
BARE_SUITE ?= bookworm
test-bare:
	@scripts/deps.sh bare
	@scripts/test-bare.sh $(BARE_SUITE)

# Python 3.10/3.12/3.13 (pyenv), Debian 13 and Debian's next release in
# debootstrap roots; one closing line per runtime. Needs root.
test-matrix:
	@scripts/deps.sh bare
	@scripts/test-matrix.sh

# Binary wheels, one per CPython (pyenv's 3.10-3.13), with libcurl, OpenSSL
# and jansson inside (auditwheel): build/wheelhouse/. See "Binary wheels" in
# the README.
wheel:
	@scripts/deps.sh build python
	@scripts/wheel.sh

# The wheel of build/wheelhouse for python3 (or PYTHON), in a fresh venv: one
# call of every gateway against the sandbox. wheel-check-bare is the same in a
# root without a compiler (make test-matrix runs it in Debian 13).
wheel-check:
	@scripts/wheel-check.sh

wheel-check-bare:
	@scripts/wheel-check.sh --bare

bench: deps
	@PYTHON=$(VPY) bench/run.sh

fuzz: deps
	@$(MAKE) -C fuzz run FUZZ_SECONDS=$${FUZZ_SECONDS:-60}

check-memory: deps
	@PYTHON=$(VPY) scripts/check-memory.sh

format:
	clang-format -i $(FORMAT_FILES)

clean:
	rm -rf $(BUILD) python/cardtoken/*.so *.egg-info python/*.egg-info \
	  tests/php/*.diff tests/php/*.exp tests/php/*.log tests/php/*.out tests/php/*.mem
