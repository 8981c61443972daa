#pragma once

namespace ladder {
// The schema version this build's migrations bring a registry to (`--version`, 关于).
int latest_schema_version();
}  // namespace ladder
