# Yanzhen: the README's two commands, and a few more.
#   make run    install what is missing, build, start the host
#   make test   install what is missing, build, run the whole test suite through ctest
#   make build  build only          make asan   build and test with ASan + UBSan
#   make bench  run the benchmarks (figures beside the machine's limits)
#   make clean  remove the build trees

# Every Debian package the build and the tests need, in one place. `deps` asks dpkg first,
# so a machine that has them all never touches apt.
PACKAGES := \
	g++ cmake ninja-build pkg-config ccache \
	libpoco-dev libboost-dev libyaml-cpp-dev libsqlite3-dev libsodium-dev libical-dev \
	libgtest-dev libgmock-dev \
	libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-cjk poppler-utils zbar-tools \
	chromium clang libclang-rt-14-dev wrk

PRESET ?= default
BUILD_DIR := build
JOBS ?= 2

.PHONY: run test build deps configure asan bench clean

# The server on 127.0.0.1:8080; on the first run it builds the demo district and prints its logins.
run: build
	./$(BUILD_DIR)/bin/yanzhen plugins list
	./$(BUILD_DIR)/bin/yanzhen courses check
	./$(BUILD_DIR)/bin/yanzhen serve

test: build
	ctest --preset $(PRESET) -j$(JOBS)

build: configure
	cmake --build --preset $(PRESET) -j$(JOBS)

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET)

bench: build
	./$(BUILD_DIR)/bench/yanzhen_bench_records

asan: deps
	cmake --preset asan
	cmake --build --preset asan -j$(JOBS)
	ctest --preset asan -j$(JOBS)

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

clean:
	rm -rf build build-debug build-asan
