# Yanzhen: the README's two commands, and a few more.
#   make run    install what is missing, build, start the host
#   make test   install what is missing, build, run the whole test suite through ctest,
#               then fuzz each target for 20 s (make fuzz)
#   make test-dates  the date-sensitive tests again, the machine's clock a year ahead and back
#   make build  build only          make asan   build and test with ASan + UBSan
#   make bench  run the benchmarks (figures beside the machine's limits; bench-quick: district)
#   make fuzz   build the fuzz targets with clang + libFuzzer (build-fuzz), fuzz each 20 s
#   make soak   the long reliability runs: fuzz each target FUZZ_SECONDS, the load test at the
#               province's rate for SOAK_SECONDS, SOAK_KILLS kills per crash test
#   make clean  remove the build trees

# Every Debian package the build and the tests need, in one place. `deps` asks dpkg first,
# so a machine that has them all never touches apt.
PACKAGES := \
	g++ cmake ninja-build pkg-config ccache \
	libpoco-dev libboost-dev libyaml-cpp-dev libsqlite3-dev libsodium-dev libical-dev \
	libgtest-dev libgmock-dev \
	libcairo2-dev libpango1.0-dev libqrencode-dev libicu-dev fonts-noto-cjk poppler-utils zbar-tools \
	chromium clang libclang-rt-14-dev wrk faketime python3 python3-openpyxl libxlsxwriter-dev

PRESET ?= default
BUILD_DIR := build
JOBS ?= 2

.PHONY: run test test-dates build deps web-deps configure asan bench bench-quick fuzz soak clean

# The server on 127.0.0.1:8080; on the first run it builds the demo district and prints its logins.
run: build
	./$(BUILD_DIR)/bin/yanzhen plugins list
	./$(BUILD_DIR)/bin/yanzhen courses check
	./$(BUILD_DIR)/bin/yanzhen serve

# The suite, then a short run of every fuzz target (a clang build in build-fuzz: about six
# minutes the first time on two cores; tests/fuzz/README.md).
test: build
	ctest --preset $(PRESET) -j$(JOBS)
	$(MAKE) --no-print-directory fuzz

# The tests labelled `dates` (tests/CMakeLists.txt: progress, validity, expiry, calendars, the
# demo, the web pages) again under libfaketime, the machine's clock moved a year ahead, then a
# year back. Every test pins the day its code sees (tests/support/TestDay.hpp), so the answers
# must not change. The monotonic clock moves with it (an offset: elapsed times stay true);
# leaving it alone (FAKETIME_DONT_FAKE_MONOTONIC) made chromium take seconds per page.
FAKE_SHIFTS ?= +365d -365d
test-dates: build
	@for shift in $(FAKE_SHIFTS); do \
		echo "== the date-sensitive tests with the machine's clock at $$shift: $$(faketime -f "$$shift" date -u +%F) (UTC)"; \
		faketime -f "$$shift" ctest --preset $(PRESET) -j$(JOBS) -L dates || exit 1; \
	done

build: configure web-deps
	cmake --build --preset $(PRESET) -j$(JOBS)

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET)

# The scaled benchmarks (bench/run.sh; bench/README.md): province and exam-day data are
# generated once under build/bench-data (a few minutes), the table goes to bench/RESULTS.md.
# Then the quick per-worker table on the demo district.
bench: build
	bench/run.sh --build $(BUILD_DIR)
	./$(BUILD_DIR)/bench/yanzhen_bench_records

# The same table at district scale, in about a minute: for iterating.
bench-quick: build
	bench/run.sh --quick --build $(BUILD_DIR)

asan: deps
	cmake --preset asan
	cmake --build --preset asan -j$(JOBS)
	ctest --preset asan -j$(JOBS)

# The fuzz targets (tests/fuzz/README.md): a clang build of what they need, with ASan, UBSan
# and libFuzzer, then each target fuzzed for FUZZ_SECONDS (20 here) from its seed corpus.
fuzz: deps
	@test -f build-fuzz/build.ninja || cmake --preset fuzz
	cmake --build --preset fuzz -j$(JOBS)
	FUZZ_SECONDS=20 ctest --preset fuzz

# Reliability for a long time: every fuzz target FUZZ_SECONDS (default 10 min each), the roll
# call at the province's rate (500 check-ins a second) for SOAK_SECONDS, and SOAK_KILLS kills
# in each crash-safety test. The seeds of the kills are printed.
FUZZ_SECONDS ?= 600
SOAK_SECONDS ?= 600
SOAK_KILLS ?= 100
soak: build
	@test -f build-fuzz/build.ninja || cmake --preset fuzz
	cmake --build --preset fuzz -j$(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --preset fuzz --timeout $$(( $(FUZZ_SECONDS) + 600 ))
	YANZHEN_LOAD_RATE=500 YANZHEN_LOAD_SECONDS=$(SOAK_SECONDS) ./$(BUILD_DIR)/tests/bin/host_load_tests
	YANZHEN_CRASH_ROUNDS=$(SOAK_KILLS) ./$(BUILD_DIR)/tests/bin/host_crash_tests

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# Node.js and npm for the browser tests: a machine may carry its own Node.js (with npm inside),
	@# so ask for the commands rather than for Debian's package names, which would conflict with it.
	@command -v npm >/dev/null 2>&1 || { \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm; }

# The browser tests' one package (playwright-core, pinned in tests/web/package-lock.json): npm ci
# when node_modules is missing or older than the lock file, else nothing. Chromium is Debian's.
web-deps: deps
	@if [ ! -d tests/web/node_modules ] || [ tests/web/package-lock.json -nt tests/web/node_modules ]; then \
		echo "Installing the browser tests' packages (npm ci in tests/web)"; \
		cd tests/web && npm ci --no-audit --no-fund && touch node_modules; \
	fi

clean:
	rm -rf build build-debug build-asan build-fuzz
