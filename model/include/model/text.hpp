#pragma once
// Small text helpers every layer shares, so that each idea has one definition.
#include <string_view>

namespace ladder {

// Strips blanks from both ends. A blank is what spreadsheets and Chinese input methods leave
// around values: ASCII white space (space, \t, \r, \n, \v, \f), the no-break space U+00A0, the
// ideographic space U+3000, and a stray byte order mark U+FEFF.
std::string_view trim(std::string_view text);
// Nothing but blanks (or nothing at all).
bool is_blank(std::string_view text);

}  // namespace ladder
