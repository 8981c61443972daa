#pragma once
// A file is replaced only when it is complete: written under a temporary name in the same
// directory ("<path>.tmp-<pid>") and renamed into place, so a reader never sees half a file and
// a failed write leaves the old one.
#include <filesystem>
#include <functional>

namespace ladder {

// "<path>.tmp-<pid>".
std::filesystem::path temporary_path_for(const std::filesystem::path& path);
// Renames `temporary` to `path`; throws "cannot write PATH: reason" when it cannot.
void replace_file(const std::filesystem::path& temporary, const std::filesystem::path& path);
// Runs `write` on temporary_path_for(path) and renames the result to `path`; on any failure the
// temporary file is removed and the error passed on.
void write_through_temporary(const std::filesystem::path& path,
                             const std::function<void(const std::filesystem::path&)>& write);

}  // namespace ladder
