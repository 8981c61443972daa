#pragma once
// The synthetic Jiangxi registry (model/demo.hpp) written into a new registry or as import
// files, and the question the sign-in asks: is this a demo registry (with its known accounts)?
#include <cstddef>
#include <filesystem>

#include "db/database.hpp"
#include "model/demo.hpp"

namespace ladder {

struct DemoCounts {
    std::size_t firms = 0, figures = 0, recognitions = 0;
    std::size_t revocations = 0;   // titles revoked in the assessment year (after the fill)
    std::size_t applications = 0;  // applications left waiting at the first review level
};

// Fills an empty registry in one transaction and records the demo in the audit trail, then
// revokes a few titles of its assessment year as a reviewer would (TitleService, one
// transaction each) and submits a few applications that wait in review (WorkflowService, as
// the clerk "clerk"); throws UsageError when the registry already holds firms.
DemoCounts fill_demo_registry(Database& db, const DemoOptions& options);
// Writes firms.csv, figures.csv and recognitions.csv (the import format) into `dir`.
DemoCounts write_demo_files(const std::filesystem::path& dir, const DemoOptions& options);
// Whether the registry was made by fill_demo_registry (its audit trail says so).
bool is_demo_registry(Database& db);

}  // namespace ladder
