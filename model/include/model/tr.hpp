#pragma once
// tr("no firm with credit code {}", code): the translated message with its arguments, in place
// of fmt::format(fmt::runtime(_("...")), ...). The msgid is extracted by xgettext's keyword tr
// (scripts/update-po.sh).
#include <string>
#include <utility>

#include <fmt/format.h>

#include "model/i18n.hpp"

namespace ladder {

template <class... Args>
std::string tr(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(_(msgid)), std::forward<Args>(args)...);
}

}  // namespace ladder
