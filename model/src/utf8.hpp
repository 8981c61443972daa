#pragma once
// UTF-8 well-formedness, shared by the readers of text the user supplies (private to
// ladder_model).
#include <string_view>

namespace ladder::text_detail {

// Offset of the first byte that does not start a well-formed UTF-8 sequence (no overlongs,
// no surrogates, nothing above U+10FFFF), or npos when the whole text is valid.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace ladder::text_detail
