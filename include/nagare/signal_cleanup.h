#pragma once

// Temporary output files removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP),
// and the file size limit (SIGXFSZ) turned into an ordinary write error.

#include <string>

namespace nagare {

/// Installs the handlers; call once at the start of main. SIGHUP, SIGINT and SIGTERM
/// unlink the registered temporaries and end the process by the same signal (the shell
/// sees 128 + signal); SIGXFSZ is ignored, so a write past the limit fails with EFBIG.
void install_signal_cleanup();

/// Creates a temporary file as mkstemps(pattern, suffix_length) does, its name kept from
/// before the file exists, so that a signal ending the process unlinks it whenever it comes.
/// Returns the descriptor (or -1, errno set) and leaves the name in `pattern`; `slot` is
/// for forget_temporary, -1 when the name is too long or every slot is taken (the file is
/// then only removed by the ordinary error path).
int make_temporary(std::string& pattern, int suffix_length, int& slot);

/// The temporary was renamed or removed: a signal no longer unlinks it.
void forget_temporary(int slot) noexcept;

}  // namespace nagare
