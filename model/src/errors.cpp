#include "model/errors.hpp"

#include "model/i18n.hpp"

namespace ladder {

std::string CellError::to_string() const {
    std::string s = file;
    if (row > 0) s += ":" + std::to_string(row);
    if (!column.empty()) s += ":" + column;
    return s + ": " + reason;
}

namespace {
std::string summary(const std::vector<CellError>& errors) {
    if (errors.empty()) return _("invalid input");
    return errors.front().to_string();
}
}  // namespace

InputError::InputError(std::vector<CellError> errors)
    : std::runtime_error(summary(errors)), errors_(std::move(errors)) {}

}  // namespace ladder
