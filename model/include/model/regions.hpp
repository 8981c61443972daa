#pragma once
// GB/T 2260 administrative divisions (resources/regions: provinces, cities, counties).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ladder {

struct Region {
    std::string code;  // 2, 4 or 6 digits
    std::string name;
    std::string parent;  // city for a county, province for a city, empty for a province
};

class RegionTable {
  public:
    // Loads provinces.csv, cities.csv and areas.csv from `dir`. Throws InputError naming the
    // file and line on a malformed table.
    static RegionTable load(const std::filesystem::path& dir);
    // The table shipped in resources/regions, loaded once.
    static const RegionTable& shipped();

    const Region* find(std::string_view code) const;
    bool is_county(std::string_view code) const;  // a 6-digit code present in areas.csv
    // "江西省 南昌市 东湖区" for 360102; the code itself when unknown.
    std::string full_name(std::string_view code) const;
    std::string name(std::string_view code) const;
    std::vector<const Region*> children(std::string_view code) const;  // sorted by code

  private:
    std::unordered_map<std::string, Region> by_code_;
    std::unordered_map<std::string, std::vector<std::string>> children_;
};

// City of a county code (first 4 digits), province (first 2).
inline std::string city_of(std::string_view county) {
    return std::string(county.substr(0, 4));
}
inline std::string province_of(std::string_view code) {
    return std::string(code.substr(0, 2));
}

}  // namespace ladder
