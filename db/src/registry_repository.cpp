#include "db/registry_repository.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "bulk_insert.hpp"
#include "db/negative_list_repository.hpp"
#include "database_impl.hpp"
#include "native_sqlite.hpp"
#include "registry_rows.hpp"
#include "model/import_schema.hpp"
#include "model/money.hpp"

namespace ladder {

using namespace registry_detail;

std::string audit_text(const Firm& f) {
    return join_cells(export_header(RecordKind::firms), to_cells(f));
}
// Written directly rather than through to_cells: an import of millions of rows audits each
// one, and the same `column=value; ...` text comes out (a unit test compares the two).
std::string audit_text(const YearFigures& f) {
    std::string s;
    s.reserve(512);  // a full row's text: grown once, not five times
    if (!f.credit_code.empty()) s.append("credit_code=").append(f.credit_code).append("; ");
    s += "year=";
    append_signed(s, f.year);
    for (const auto& m : kMeasures) {
        auto v = f.get(m.measure);
        if (!v) continue;
        s += "; ";
        s += m.id;
        s += '=';
        if (is_money(m.kind))
            append_fen(s, *v);
        else if (m.kind == MeasureKind::score)
            append_hundredths(s, *v);
        else if (m.kind == MeasureKind::flag)
            s += *v ? "yes" : "no";
        else
            append_signed(s, *v);
    }
    return s;
}
std::string audit_text(const Recognition& r) {
    return join_cells(export_header(RecordKind::recognitions), to_cells(r));
}

std::size_t RegistryRepository::count_firms() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM firms", soci::into(n);
    return static_cast<std::size_t>(n);
}
std::size_t RegistryRepository::count_figures() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM figures", soci::into(n);
    return static_cast<std::size_t>(n);
}
std::size_t RegistryRepository::count_recognitions() {
    long long n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM recognitions", soci::into(n);
    return static_cast<std::size_t>(n);
}

bool RegistryRepository::firm_exists(const std::string& credit_code) {
    int n = 0;
    db_.impl().sql << "SELECT COUNT(*) FROM firms WHERE credit_code = :c", soci::use(credit_code),
        soci::into(n);
    return n > 0;
}

std::vector<std::string> RegistryRepository::credit_codes() {
    std::vector<std::string> out;
    std::vector<std::string> chunk(kChunk);
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT credit_code FROM firms ORDER BY credit_code",
         soci::into(chunk));
    st.execute();
    while (st.fetch()) {
        out.insert(out.end(), chunk.begin(), chunk.end());
        chunk.resize(kChunk);
    }
    return out;
}

std::optional<Firm> RegistryRepository::find_firm(const std::string& credit_code) {
    std::optional<Firm> found;
    fetch_all<FirmColumns>(
        db_.impl().sql, fmt::format("SELECT {} FROM firms WHERE credit_code = :c", kFirmColumns),
        bind_firm_into, [&](const FirmColumns& c, std::size_t k) { found = c.get(k); },
        {credit_code});
    return found;
}

std::vector<YearFigures> RegistryRepository::figures_of(const std::string& credit_code) {
    std::vector<YearFigures> out;
    fetch_all<FigureColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM figures WHERE credit_code = :c ORDER BY year",
                    figure_columns()),
        bind_figure_into, [&](const FigureColumns& c, std::size_t k) { out.push_back(c.get(k)); },
        {credit_code});
    return out;
}

std::vector<Recognition> RegistryRepository::recognitions_of(const std::string& credit_code) {
    std::vector<Recognition> out;
    fetch_all<RecognitionColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM recognitions WHERE credit_code = :c ORDER BY tier, valid_from",
                    kRecognitionColumns),
        bind_recognition_into,
        [&](const RecognitionColumns& c, std::size_t k) { out.push_back(c.get(k)); },
        {credit_code});
    return out;
}

std::optional<FirmRecord> RegistryRepository::firm_record(const std::string& credit_code) {
    auto firm = find_firm(credit_code);
    if (!firm) return std::nullopt;
    FirmRecord r;
    r.firm = std::move(*firm);
    r.figures = figures_of(credit_code);
    r.recognitions = recognitions_of(credit_code);
    r.negative_checks = NegativeListRepository(db_).of_firm(credit_code);
    if (!r.firm.controlling_shareholder.empty() || !r.firm.business_group.empty())
        control_index().attach(r);
    return r;
}

ControlIndex RegistryRepository::control_index() {
    soci::session& sql = db_.impl().sql;
    // Most registries record a control for few firms: small fetches (SOCI allocates a
    // fetch's buffers whole, which for 10,000 rows cost more than these queries).
    constexpr std::size_t kFewRows = 256;
    // Each arm of the union reads its own partial index.
    static constexpr const char* kControlled =
        "SELECT credit_code FROM firms WHERE controlling_shareholder IS NOT NULL UNION "
        "SELECT credit_code FROM firms WHERE business_group IS NOT NULL";
    std::unordered_map<std::string, Firm> holders;
    fetch_all<FirmColumns>(
        sql,
        fmt::format("SELECT {} FROM firms WHERE credit_code IN ({})", kFirmColumns, kControlled),
        bind_firm_into,
        [&](const FirmColumns& c, std::size_t k) { holders.emplace(c.code[k], c.get(k)); }, {},
        kFewRows);
    ControlIndex index;
    if (holders.empty()) return index;
    fetch_all<RecognitionColumns>(
        sql,
        fmt::format("SELECT {} FROM recognitions WHERE credit_code IN ({}) ORDER BY credit_code, "
                    "tier, valid_from",
                    kRecognitionColumns, kControlled),
        bind_recognition_into,
        [&](const RecognitionColumns& c, std::size_t k) {
            if (auto it = holders.find(c.code[k]); it != holders.end())
                index.add(it->second, c.get(k));
        },
        {}, kFewRows);
    return index;
}

std::vector<Firm> RegistryRepository::load_firms() {
    std::vector<Firm> out;
    fetch_all<FirmColumns>(
        db_.impl().sql, fmt::format("SELECT {} FROM firms ORDER BY credit_code", kFirmColumns),
        bind_firm_into, [&](const FirmColumns& c, std::size_t k) { out.push_back(c.get(k)); });
    return out;
}

std::vector<YearFigures> RegistryRepository::load_figures() {
    std::vector<YearFigures> out;
    fetch_all<FigureColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM figures ORDER BY credit_code, year", figure_columns()),
        bind_figure_into, [&](const FigureColumns& c, std::size_t k) { out.push_back(c.get(k)); });
    return out;
}

std::vector<Recognition> RegistryRepository::load_recognitions() {
    std::vector<Recognition> out;
    fetch_all<RecognitionColumns>(
        db_.impl().sql,
        fmt::format("SELECT {} FROM recognitions ORDER BY credit_code, tier, valid_from",
                    kRecognitionColumns),
        bind_recognition_into,
        [&](const RecognitionColumns& c, std::size_t k) { out.push_back(c.get(k)); });
    return out;
}

}  // namespace ladder
