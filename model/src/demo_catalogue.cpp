#include "demo_catalogue.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/resources.hpp"

namespace ladder::demo_detail {

namespace {

// A catalogue's records after its header, exactly `fields` wide (a trailing empty word is an
// empty field).
std::vector<CsvRecord> read_catalogue(const std::filesystem::path& file, std::size_t fields) {
    auto records = read_resource_table(file, fields);
    for (auto& r : records) r.fields.resize(fields);
    return records;
}

template <class Number>
Number catalogue_number(const std::filesystem::path& file, const CsvRecord& r, std::size_t field) {
    const std::string& text = r.fields[field];
    Number value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        throw InputError({{file.filename().string(), r.line, "", _("not a number")}});
    return value;
}

}  // namespace

DemoCatalogue load_catalogue(const std::filesystem::path& dir) {
    DemoCatalogue c;
    const auto cities = dir / "cities.csv";
    for (const auto& r : read_catalogue(cities, 2))
        c.cities.push_back({r.fields[0], catalogue_number<int>(cities, r, 1)});
    const auto chains = dir / "chains.csv";
    for (const auto& r : read_catalogue(chains, 4))
        c.chains.push_back({r.fields[0], catalogue_number<int>(chains, r, 1),
                            catalogue_number<double>(chains, r, 2),
                            catalogue_number<double>(chains, r, 3)});
    const auto classes = dir / "industry_classes.csv";
    for (const auto& r : read_catalogue(classes, 5))
        c.classes.push_back({r.fields[0],
                             r.fields[1],
                             catalogue_number<int>(classes, r, 2),
                             {r.fields[3], r.fields[4]}});
    for (const auto& r : read_catalogue(dir / "brand_halves.csv", 2)) {
        c.brand_first.push_back(r.fields[0]);
        c.brand_second.push_back(r.fields[1]);
    }
    return c;
}

const DemoCatalogue& DemoCatalogue::shipped() {
    static const DemoCatalogue catalogue = load_catalogue(resource_dir() / "demo");
    return catalogue;
}

}  // namespace ladder::demo_detail
