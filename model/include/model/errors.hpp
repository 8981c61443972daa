#pragma once
// Domain errors carry what the user needs to fix the input; app/ turns them into one sentence.
#include <stdexcept>
#include <string>
#include <vector>

namespace ladder {

// One rejected cell: rendered `file:row:column: reason`, row as a spreadsheet shows it
// (header = row 1). `column` is the canonical English column id; row 0 means the whole file.
struct CellError {
    std::string file;
    int row = 0;
    std::string column;
    std::string reason;
    std::string to_string() const;
};

class InputError : public std::runtime_error {
  public:
    explicit InputError(std::vector<CellError> errors);
    const std::vector<CellError>& errors() const { return errors_; }

  private:
    std::vector<CellError> errors_;
};

// A usage or environment problem that is not the input's fault (exit status 2 in the CLI).
class UsageError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace ladder
