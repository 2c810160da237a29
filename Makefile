# Thin wrapper over CMake for the README's commands.
#   make            release build in build/
#   make asan       ASan+UBSan build in build-asan/
#   make test       both builds, every test suite on each; ends "N passed, N failed"
#   make demo       the main job on the bundled sample corpus
#   make eval       score the coder on ../shared/eval (when present)
#   make bench      throughput and peak memory benchmarks
#   make fuzz       libFuzzer harnesses for FUZZ_SECONDS each (default 60)
#   make valgrind   the unit and case suites under valgrind memcheck
JOBS ?= $(shell nproc)
CMAKE ?= cmake
FUZZ_SECONDS ?= 60

.PHONY: all asan test test-release demo eval bench fuzz valgrind clean deps web

all: build/pactwatch

build/pactwatch: FORCE
	@$(CMAKE) -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@$(CMAKE) --build build -j $(JOBS)

asan: FORCE
	@$(CMAKE) -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPW_SANITIZE=ON >/dev/null
	@$(CMAKE) --build build-asan -j $(JOBS)

deps:
	scripts/install-deps.sh --all

# The dashboard's front end (npm, bundled into web/dist; no CDN at run time).
web:
	@sh scripts/build-web.sh

test: all asan
	@sh scripts/test.sh

test-release: all
	@sh tests/run-all.sh build release

demo: all web
	@sh scripts/demo.sh

eval: all
	@sh scripts/eval.sh

bench: all
	@sh bench/run.sh

fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

valgrind: all
	@sh tests/valgrind.sh

clean:
	rm -rf build build-asan build-fuzz

FORCE:
