#include "nagare/signal_cleanup.h"

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace nagare {
namespace {

// A signal handler may not allocate or take locks: the paths live in fixed buffers, and a
// slot's flag is set only once its path is complete. Few files are written at once.
constexpr int kSlots = 8;
constexpr std::size_t kPathBytes = 4096;  // PATH_MAX on Linux

char paths[kSlots][kPathBytes];
std::atomic<bool> in_use[kSlots];
std::atomic<bool> claimed[kSlots];
static_assert(std::atomic<bool>::is_always_lock_free, "flags read by a signal handler");

extern "C" void remove_temporaries_and_die(int signal_number) {
  for (int slot = 0; slot < kSlots; ++slot) {
    if (in_use[slot].load()) ::unlink(paths[slot]);
  }
  // Ends the process by the same signal once the handler returns (it is blocked here), so
  // the parent sees what killed it.
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

void install_signal_cleanup() {
  struct sigaction action {};
  action.sa_handler = remove_temporaries_and_die;
  sigemptyset(&action.sa_mask);
  for (int signal_number : {SIGHUP, SIGINT, SIGTERM}) sigaddset(&action.sa_mask, signal_number);
  for (int signal_number : {SIGHUP, SIGINT, SIGTERM}) {
    struct sigaction previous {};
    ::sigaction(signal_number, nullptr, &previous);
    // A signal ignored by whoever started us (nohup, a background job) stays ignored.
    if (previous.sa_handler != SIG_IGN) ::sigaction(signal_number, &action, nullptr);
  }
  // Past the file size limit, write() then fails with EFBIG and the writer says so.
  std::signal(SIGXFSZ, SIG_IGN);
}

int make_temporary(std::string& pattern, int suffix_length, int& slot) {
  slot = -1;
  if (pattern.size() < kPathBytes) {
    for (int k = 0; k < kSlots && slot < 0; ++k) {
      bool expected = false;
      if (claimed[k].compare_exchange_strong(expected, true)) slot = k;
    }
  }
  if (slot < 0) return ::mkstemps(pattern.data(), suffix_length);
  // mkstemps writes the name into the slot before it creates the file: a signal in between
  // unlinks a name that does not exist yet, which is harmless.
  std::memcpy(paths[slot], pattern.c_str(), pattern.size() + 1);
  in_use[slot].store(true);
  const int fd = ::mkstemps(paths[slot], suffix_length);
  const int error = errno;
  if (fd < 0) {
    forget_temporary(slot);
    slot = -1;
    errno = error;
    return -1;
  }
  pattern = paths[slot];
  return fd;
}

void forget_temporary(int slot) noexcept {
  if (slot < 0 || slot >= kSlots) return;
  in_use[slot].store(false);
  claimed[slot].store(false);
}

}  // namespace nagare
