#pragma once
// Helpers shared by the test files: temporary directories and running the built ladder-cli.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace ladder::test {

namespace fs = std::filesystem;

// A fresh directory removed at scope exit.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / ("ladder-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

inline void write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs ladder-cli with `args` (already quoted as needed) in `dir`, capturing both streams.
// `lang` is the interface language (the product defaults to Chinese).
inline CliResult run_cli(const fs::path& dir, const std::string& args, const std::string& lang = "en") {
    fs::path out = dir / ".cli-stdout", err = dir / ".cli-stderr";
    std::string cmd = "cd " + shell_quote(dir.string()) + " && LANGUAGE= LC_ALL=C.UTF-8 LADDER_LANG=" + lang + " " +
                      shell_quote(LADDER_CLI_PATH) + " " + args + " >" + shell_quote(out.string()) + " 2>" +
                      shell_quote(err.string());
    int raw = std::system(cmd.c_str());
    CliResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace ladder::test
