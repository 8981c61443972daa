#include "model/demo.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "demo_catalogue.hpp"
#include "model/csv.hpp"
#include "model/errors.hpp"
#include "model/i18n.hpp"
#include "model/industry.hpp"
#include "model/measures.hpp"
#include "model/resources.hpp"
#include "model/uscc.hpp"

namespace ladder {

namespace {

using namespace demo_detail;

// --- Randomness -------------------------------------------------------------------------------

uint64_t mix64(uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

__extension__ typedef unsigned __int128 Wide;  // GCC/Clang; __extension__ keeps -Wpedantic quiet

// splitmix64: cheap and well mixed. Every firm gets its own stream seeded from (seed, index),
// so a firm does not depend on the batch size or on the firms generated before it.
class Random {
  public:
    explicit Random(uint64_t state) : state_(state) {}
    uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ull;
        return mix64(state_);
    }
    // Uniform in [0, n): the high word of a 64×64-bit product (Lemire), which avoids a
    // division per draw; the bias is far below anything a demo could show.
    uint64_t below(uint64_t n) { return static_cast<uint64_t>((Wide(next()) * n) >> 64); }
    // Uniform in [lo, hi].
    int64_t between(int64_t lo, int64_t hi) {
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    // Standard normal (Box-Muller); the first uniform is kept away from 0 for the logarithm.
    double normal() {
        double u1 = (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53;
        double u2 = unit();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

  private:
    uint64_t state_;
};

// value · permyriad / 10000, truncated: never exceeds value for permyriad ≤ 10000.
int64_t share(int64_t value, int64_t permyriad) {
    return value * permyriad / 10000;
}

// Picks an index with probability proportional to its weight (cumulative table).
std::size_t pick(Random& rng, const std::vector<int>& cumulative) {
    auto target = static_cast<int>(rng.below(static_cast<std::size_t>(cumulative.back())));
    return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), target) -
                                    cumulative.begin());
}

template <class Range, class Weight>
std::vector<int> cumulate(const Range& items, Weight weight) {
    std::vector<int> out;
    int total = 0;
    for (const auto& item : items) out.push_back(total += weight(item));
    return out;
}

// Unified social credit code pieces (GB 32100): the charset, and the GB 11714 weights of the
// organisation code's own check character (9th character).
constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr uint64_t kDigitSpace = 100'000'000;  // 8-digit organisation codes (before 2016)
constexpr uint64_t kNewSpace = 28'629'151;     // "MA3" + 5 charset characters (31^5)
static_assert(kNewSpace == kDemoMaxFirms && kNewSpace < kDigitSpace);

std::string_view without_suffix(std::string_view name) {
    // Drops one trailing 区/县/市 while at least two characters (6 UTF-8 bytes) remain.
    for (std::string_view suffix : {"区", "县", "市"}) {
        if (name.size() >= 9 && name.substr(name.size() - suffix.size()) == suffix)
            return name.substr(0, name.size() - suffix.size());
    }
    return name;
}

// A dated decision and its document number, shared by every firm it lists.
struct Decision {
    Date date;
    std::string doc_no;
};

struct County {
    std::string code;
    std::string county_short;  // "南昌" for 南昌县
    std::string city_short;    // "南昌" for 南昌市
};

// Everything that does not depend on the firm, computed once per generate_demo call.
class World {
  public:
    World(const DemoOptions& options, const RegionTable& regions);
    void generate_firm(std::size_t index, DemoBatch& out);

  private:
    int year_slot(int year) const { return year - options_.first_year; }
    const Decision& decision(const std::vector<Decision>& list, int year) const {
        return list[static_cast<std::size_t>(year_slot(year))];
    }
    std::string credit_code(std::size_t index, const County& county, bool new_style) const;
    void push_recognition(DemoBatch& out, const std::string& code, std::string_view tier,
                          const Date& approved_on, const std::string& doc_no) const;

    DemoOptions options_;
    int last_figures_year_;
    std::vector<County> counties_;
    std::vector<std::vector<std::size_t>> counties_of_city_;
    std::vector<int> city_cumulative_;
    std::vector<int> chain_cumulative_;
    std::vector<std::vector<const IndustryClass*>> classes_of_chain_;
    std::vector<std::vector<int>> class_cumulative_;
    std::vector<std::string> brands_;
    uint64_t digit_offset_;
    uint64_t new_offset_;
    // Indexed by year − first_year, for first_year..last_year + 1.
    std::vector<std::vector<Decision>> above_scale_;  // per year, per city
    std::vector<std::array<Decision, 2>> high_tech_;  // two batches a year
    std::vector<Decision> specialized_, little_giant_, single_champion_, gazelle_, unicorn_;
    // Per-firm scratch, reused so a firm costs no allocations beyond its own strings.
    // Revenue in hundredths of 万元.
    std::vector<int64_t> revenue_, main_revenue_;
};

World::World(const DemoOptions& options, const RegionTable& regions)
    : options_(options), last_figures_year_(std::min(options.last_year, options.today.year())) {
    const DemoCatalogue& catalogue = DemoCatalogue::shipped();
    for (std::size_t c = 0; c < catalogue.cities.size(); ++c) {
        const Region* city = regions.find(catalogue.cities[c].code);
        std::vector<std::size_t> members;
        for (const Region* r : regions.children(catalogue.cities[c].code)) {
            if (!regions.is_county(r->code)) continue;
            members.push_back(counties_.size());
            counties_.push_back({r->code, std::string(without_suffix(r->name)),
                                 std::string(without_suffix(city ? city->name : r->name))});
        }
        if (members.empty())
            throw UsageError(
                fmt::format(fmt::runtime(_("the region table has no counties for city {}")),
                            catalogue.cities[c].code));
        counties_of_city_.push_back(std::move(members));
    }
    city_cumulative_ = cumulate(catalogue.cities, [](const CityWeight& c) { return c.weight; });
    chain_cumulative_ = cumulate(catalogue.chains, [](const ChainProfile& c) { return c.weight; });
    for (const auto& chain : catalogue.chains) {
        std::vector<const IndustryClass*> classes;
        for (const auto& cls : catalogue.classes)
            if (cls.chain == chain.id) classes.push_back(&cls);
        class_cumulative_.push_back(
            cumulate(classes, [](const IndustryClass* c) { return c->weight; }));
        classes_of_chain_.push_back(std::move(classes));
    }
    for (const auto& first : catalogue.brand_first)
        for (const auto& second : catalogue.brand_second)
            if (first != second) brands_.push_back(first + second);

    // The seed shifts the organisation codes so different seeds give different registries.
    digit_offset_ = mix64(options.seed ^ 0x6A09E667F3BCC909ull) % kDigitSpace;
    new_offset_ = mix64(options.seed ^ 0xBB67AE8584CAA73Bull) % kNewSpace;

    for (int y = options.first_year; y <= options.last_year + 1; ++y) {
        std::vector<Decision> cities;
        for (std::size_t c = 0; c < catalogue.cities.size(); ++c)
            cities.push_back({Date(y, 3, 5 + 2 * static_cast<int>(c)),
                              fmt::format("赣统字〔{}〕{}号", y, 3 + c)});
        above_scale_.push_back(std::move(cities));
        high_tech_.push_back(
            {Decision{Date(y, 8, 20 + y % 8), fmt::format("赣高企认〔{}〕{}号", y, 3 + y % 10)},
             Decision{Date(y, 11, 30), fmt::format("赣高企认〔{}〕{}号", y, 12 + y % 10)}});
        specialized_.push_back({Date(y, 12, 10 + y % 15),
                                fmt::format("赣工信企业字〔{}〕{}号", y, 300 + (y % 10) * 7)});
        little_giant_.push_back({Date(y, 11, 5 + y % 20),
                                 fmt::format("赣工信企业字〔{}〕{}号", y, 400 + (y % 10) * 5)});
        single_champion_.push_back({Date(y, 12, 1 + y % 25),
                                    fmt::format("工信部联产业函〔{}〕{}号", y, 5 + (y % 10) * 9)});
        gazelle_.push_back(
            {Date(y, 9, 10 + y % 15), fmt::format("赣科发高字〔{}〕{}号", y, 20 + y % 10)});
        unicorn_.push_back(
            {Date(y, 10, 8 + y % 15), fmt::format("赣科发高字〔{}〕{}号", y, 40 + y % 10)});
    }
    revenue_.resize(static_cast<std::size_t>(options.last_year - options.first_year + 1));
    main_revenue_.resize(revenue_.size());
}

std::string World::credit_code(std::size_t index, const County& county, bool new_style) const {
    // The organisation code is a bijection of the firm index, so codes are unique without a
    // lookup; the multipliers are coprime with the space sizes.
    char org[9];
    if (new_style) {
        uint64_t v = (index * 1'000'003ull + new_offset_) % kNewSpace;
        org[0] = 'M', org[1] = 'A', org[2] = '3';
        for (int i = 7; i >= 3; --i, v /= 31) org[i] = kUsccCharset[v % 31];
    } else {
        uint64_t v = (index * 387'420'489ull + digit_offset_) % kDigitSpace;
        for (int i = 7; i >= 0; --i, v /= 10) org[i] = static_cast<char>('0' + v % 10);
    }
    // GB 11714 check character: letters count from 10 (A) upward.
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        int value = org[i] <= '9' ? org[i] - '0' : org[i] - 'A' + 10;
        sum += value * kOrgWeights[static_cast<std::size_t>(i)];
    }
    int check = 11 - sum % 11;
    org[8] = check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);

    std::string code;
    code.reserve(18);
    code += "91";  // registered by the market regulator, an enterprise
    code += county.code;
    code.append(org, 9);
    code += *uscc_check_character(code);
    return code;
}

void World::push_recognition(DemoBatch& out, const std::string& code, std::string_view tier,
                             const Date& approved_on, const std::string& doc_no) const {
    if (approved_on > options_.today) return;
    out.recognitions.push_back(
        {code, std::string(tier), approved_on, approved_on, std::nullopt, doc_no});
}

void World::generate_firm(std::size_t index, DemoBatch& out) {
    Random rng(mix64(mix64(options_.seed) + index));
    const int first = options_.first_year, last = options_.last_year;

    // Where and what.
    std::size_t city = pick(rng, city_cumulative_);
    const auto& members = counties_of_city_[city];
    const County& county = counties_[members[rng.below(members.size())]];
    std::size_t chain = pick(rng, chain_cumulative_);
    const ChainProfile& profile = DemoCatalogue::shipped().chains[chain];
    const IndustryClass& cls = *classes_of_chain_[chain][pick(rng, class_cumulative_[chain])];
    const bool industrial = cls.code[0] == 'B' || cls.code[0] == 'C';
    const bool tech = rng.chance(profile.tech_share);
    const bool venture = rng.chance(tech ? 0.06 : 0.01);
    const bool unicorn_like = venture && rng.chance(0.002);

    // Founded 1990..last year, more firms in recent years; unicorns are young.
    int newest = std::min(last, options_.today.year());
    int span = newest - 1990 + 1;
    int founded_year = 1990 + std::min(span - 1, static_cast<int>(span * std::sqrt(rng.unit())));
    if (unicorn_like)
        founded_year = static_cast<int>(rng.between(std::max(1990, last - 8), newest));
    Date founded(founded_year, static_cast<int>(rng.between(1, 12)),
                 static_cast<int>(rng.between(1, 28)));
    if (founded > options_.today) founded = Date(options_.today.year(), 1, 1);

    // Size in the last year, log-normal in 万元: most firms small, a long tail of big ones.
    double size_wan = std::exp(std::log(700.0) + profile.size_bias + 1.35 * rng.normal());
    if (unicorn_like) size_wan = std::max(size_wan, 30000.0);
    size_wan = std::clamp(size_wan, 120.0, 5'000'000.0);

    Firm firm;
    firm.credit_code = credit_code(index, county, founded.year() >= 2016);
    firm.region_code = county.code;
    firm.industry_code = std::string(cls.code);
    firm.chain = std::string(profile.id);
    firm.founded = founded;
    if (rng.chance(0.4)) {
        int niche = founded.year() + static_cast<int>(rng.between(0, 6));
        if (niche <= newest) firm.niche_since = niche;
    }
    if (tech)
        firm.hnte_field = true;
    else if (rng.chance(0.8))
        firm.hnte_field = false;
    if (size_wan >= 20000 && !venture && rng.chance(size_wan >= 100000 ? 0.3 : 0.08)) {
        int from = std::max(2000, founded.year() + 3);
        if (from <= newest) {
            Date listed(static_cast<int>(rng.between(from, newest)),
                        static_cast<int>(rng.between(1, 12)), static_cast<int>(rng.between(1, 28)));
            if (listed <= options_.today) firm.listed_on = listed;
        }
    }

    // Name: place + brand + trade + legal form.
    double place = rng.unit();
    const std::string& prefix = place < 0.45 ? county.county_short : county.city_short;
    std::string_view word = cls.words[1].empty() || rng.chance(0.5) ? cls.words[0] : cls.words[1];
    const std::string& brand = brands_[rng.below(brands_.size())];
    firm.name.reserve(64);
    firm.name += place >= 0.8 ? std::string_view("江西") : std::string_view(prefix);
    firm.name += brand;
    firm.name += word;
    firm.name += firm.listed_on || rng.chance(0.12) ? "股份有限公司" : "有限公司";
    // A few firms belong to groups (three in every 97, by index: no random draw, so the rest of
    // the registry stays as it was), for the common-control test.
    if (index % 97 < 3) {
        const std::string& owner = brands_[(index / 97) % brands_.size()];
        firm.controlling_shareholder = "江西" + owner + "控股集团有限公司";
        firm.business_group = owner + "集团";
    }

    // Firm-level traits the yearly figures vary around (ratios in permyriad).
    const int64_t trend = rng.between(-500, 2000);
    const int64_t margin_base = rng.between(-300, 1200);
    const int64_t asset_ratio = rng.between(6000, 18000);
    const int64_t debt_base = rng.between(3000, 9000);
    const int64_t rd_base = tech              ? rng.between(300, 800)
                            : rng.chance(0.5) ? rng.between(0, 150)
                                              : rng.between(0, 400);
    const int64_t productivity = rng.between(30, 120);  // 万元 revenue per employee
    const int64_t tech_share = tech ? rng.between(1000, 4000) : rng.between(200, 1500);
    const int64_t ip1_base = tech ? rng.between(1, 8) : rng.chance(0.2) ? rng.between(1, 2) : 0;
    const int64_t ip2_base = tech ? rng.between(2, 30) : rng.between(0, 6);
    const bool hightech_reported = tech || rng.chance(0.35);
    const int64_t hightech_share = tech ? rng.between(5500, 9500) : rng.between(0, 4000);
    const int64_t lead_share = rng.between(3000, 9500);
    const bool scored = tech || rng.chance(0.25);
    const int64_t innovation_base = tech ? rng.between(6000, 9500) : rng.between(4000, 9500);
    const bool zjtx_scored = firm.niche_since && rng.chance(0.7);
    const int64_t zjtx_base = rng.between(4000, 9500);
    const bool ranked = rng.chance(0.05);
    const int64_t rank_base = rng.between(1, 20);
    const bool global_ranked = size_wan >= 20000 && rng.chance(0.1);
    const int64_t global_rank = rng.between(1, 10);
    const bool quality_cert = rng.chance(0.6);
    const bool own_brand = rng.chance(0.5);
    const bool rd_institution = rng.chance(tech ? 0.7 : 0.2);
    const bool reports_equity = venture || rng.chance(0.1);

    // Revenue by year, walked back from the last year so growth lies in −10%..+35%.
    const int start_year = std::max(first, founded.year());
    std::fill(revenue_.begin(), revenue_.end(), -1);
    std::fill(main_revenue_.begin(), main_revenue_.end(), -1);
    {
        double r = size_wan;
        for (int y = last; y >= start_year; --y) {
            revenue_[static_cast<std::size_t>(y - first)] = std::llround(r * 100.0);
            double growth = static_cast<double>(
                std::clamp<int64_t>(trend + rng.between(-800, 800), -1000, 3500));
            r = r / (1.0 + growth / 10000.0);
        }
        // The founding year is a part year.
        if (start_year == founded.year() && start_year <= last) {
            auto& v = revenue_[static_cast<std::size_t>(start_year - first)];
            v = share(v, 10000 * (13 - founded.month()) / 12);
        }
    }
    const int missing_year = rng.chance(0.01) ? static_cast<int>(rng.between(start_year, last)) : 0;

    for (int y = start_year; y <= last_figures_year_; ++y) {
        if (y == missing_year && y != start_year) continue;
        const auto slot = static_cast<std::size_t>(y - first);
        const int64_t revenue = revenue_[slot];
        const int64_t revenue_wan = revenue / 100;
        YearFigures f;
        f.credit_code = firm.credit_code;
        f.year = y;
        // Amounts are generated in whole hundredths of 万元 and stored in fen.
        const auto set_money = [&f](Measure m, int64_t hundredths) {
            f.set(m, hundredths * (kFenPerWan / 100));
        };
        set_money(Measure::revenue, revenue);
        const int64_t main_revenue = share(revenue, rng.between(8500, 10000));
        main_revenue_[slot] = main_revenue;
        set_money(Measure::main_revenue, main_revenue);
        if (hightech_reported)
            set_money(Measure::hightech_revenue,
                      share(revenue, std::clamp<int64_t>(hightech_share + rng.between(-300, 300), 0,
                                                         10000)));
        set_money(Measure::lead_product_revenue, share(main_revenue, lead_share));
        const int64_t total_profit = share(revenue, margin_base + rng.between(-500, 500));
        set_money(Measure::total_profit, total_profit);
        set_money(Measure::net_profit, total_profit > 0 ? share(total_profit, 7500) : total_profit);
        const int64_t assets = share(revenue, asset_ratio + rng.between(-500, 500));
        set_money(Measure::total_assets, assets);
        set_money(
            Measure::total_liabilities,
            share(assets, std::clamp<int64_t>(debt_base + rng.between(-400, 400), 3000, 9000)));
        const int64_t rd =
            share(revenue, std::clamp<int64_t>(rd_base + rng.between(-50, 50), 0, 800));
        set_money(Measure::rd_expense, rd);
        set_money(Measure::rd_domestic,
                  share(rd, rng.between(rng.chance(0.9) ? 7000 : 4000, 10000)));
        if (reports_equity)
            set_money(Measure::equity_financing,
                      venture && rng.chance(0.35) ? rng.between(500, 20000) * 100 : 0);
        if (unicorn_like) {
            // Doubling roughly every year up to past US$1bn in the last year.
            int64_t wan = rng.between(700'000, 2'000'000) >> std::min(last - y, 20);
            set_money(Measure::valuation, wan * 100);
        } else if (venture || firm.listed_on) {
            set_money(Measure::valuation, revenue * rng.between(3, 20));
        }
        const int64_t employees =
            std::clamp<int64_t>(revenue_wan / productivity * rng.between(95, 105) / 100, 10, 3000);
        const int64_t tech_staff = share(employees, tech_share);
        f.set(Measure::employees, employees);
        f.set(Measure::tech_staff, tech_staff);
        f.set(Measure::rd_staff, share(tech_staff, rng.between(4000, 9000)));
        f.set(Measure::ip_class1, ip1_base + rng.between(0, 1));
        f.set(Measure::ip_class2, ip2_base + rng.between(0, 3));
        if (scored)
            f.set(Measure::innovation_score,
                  std::clamp<int64_t>(innovation_base + rng.between(-300, 300), 4000, 9500));
        if (zjtx_scored)
            f.set(Measure::zjtx_score,
                  std::clamp<int64_t>(zjtx_base + rng.between(-300, 300), 4000, 9500));
        if (ranked)
            f.set(Measure::rank_province, std::max<int64_t>(1, rank_base + rng.between(-1, 1)));
        if (global_ranked) f.set(Measure::rank_global, global_rank);
        f.set(Measure::quality_cert, quality_cert ? 1 : 0);
        f.set(Measure::own_brand, own_brand ? 1 : 0);
        f.set(Measure::rd_institution, rd_institution ? 1 : 0);
        f.set(Measure::major_incident, rng.chance(0.003) ? 1 : 0);
        // A few cells left empty, as in real returns, so some evaluations are incomplete.
        if (rng.chance(0.04)) {
            for (int64_t n = rng.between(1, 2); n > 0; --n) {
                // The measures of schema 1 only, which the demo fills: later measures leave the
                // random stream, and so every demo registry, as it was.
                auto m = static_cast<Measure>(rng.below(kMeasuresAtSchema1));
                f.set(m, std::nullopt);
                if (m == Measure::main_revenue) main_revenue_[slot] = -1;
            }
        }
        out.figures.push_back(std::move(f));
    }

    // Titles, consistent with the figures: 规上 by the statistics bureaus every year, the rest
    // for firms that look the part.
    const std::string& code = firm.credit_code;
    if (industrial) {
        for (int y = start_year; y <= last_figures_year_; ++y) {
            if (main_revenue_[static_cast<std::size_t>(y - first)] >= 200000 && rng.chance(0.97)) {
                const Decision& d = above_scale_[static_cast<std::size_t>(year_slot(y + 1))][city];
                push_recognition(out, code, "above_scale", d.date, d.doc_no);
            }
        }
    }
    // Titles are granted up to the year after the last figures year (its assessment year, on
    // those figures) once that year is over: the demo's first screen has additions to show.
    const int title_last = last + 1 < options_.today.year() ? last + 1 : last;
    int high_tech_year = 0;
    if (tech && rd_base >= 300 && rng.chance(0.6)) {
        int from = std::max(first + 2, founded.year() + 1);
        if (from <= title_last) {
            high_tech_year = static_cast<int>(rng.between(from, title_last));
            const auto& batches = high_tech_[static_cast<std::size_t>(year_slot(high_tech_year))];
            const Decision& d = batches[rng.below(2)];
            push_recognition(out, code, "high_tech", d.date, d.doc_no);
            if (high_tech_year + 3 <= title_last && rng.chance(0.8)) {
                const Decision& renewal =
                    high_tech_[static_cast<std::size_t>(year_slot(high_tech_year + 3))][1];
                push_recognition(out, code, "high_tech", renewal.date, renewal.doc_no);
            }
        }
    }
    if (firm.niche_since && rd_base >= 300 && size_wan < 40000 && rng.chance(0.35)) {
        int from = std::max(first + 2, *firm.niche_since + 2);
        if (from <= title_last) {
            int year = static_cast<int>(rng.between(from, title_last));
            const Decision& d = decision(specialized_, year);
            push_recognition(out, code, "specialized", d.date, d.doc_no);
            if (year + 1 <= title_last &&
                revenue_[static_cast<std::size_t>(year - first)] >= 500000 &&
                d.date <= options_.today && rng.chance(0.4)) {
                const Decision& giant = decision(little_giant_, year + 1);
                push_recognition(out, code, "little_giant", giant.date, giant.doc_no);
            } else if (year < title_last && d.date <= options_.today &&
                       mix64(mix64(options_.seed ^ 0x6769616E74ull) + index) % 6 == 0) {
                // One in six of the other 专精特新 climbs to 小巨人 in the assessment year, so
                // that the demo's year has additions there too (drawn from the firm's index,
                // not the random stream, which stays as it was).
                const Decision& giant = decision(little_giant_, title_last);
                push_recognition(out, code, "little_giant", giant.date, giant.doc_no);
            }
        }
    }
    if (global_ranked && global_rank <= 3 && size_wan >= 40000 && industrial && rng.chance(0.5)) {
        const Decision& d = decision(single_champion_, rng.chance(0.5) ? title_last : last);
        push_recognition(out, code, "single_champion", d.date, d.doc_no);
    }
    if (high_tech_year && last - founded.year() <= 10 && last - 3 >= start_year) {
        int64_t now = revenue_[static_cast<std::size_t>(last - first)];
        int64_t before = revenue_[static_cast<std::size_t>(last - 3 - first)];
        if (before > 100000 && now > before + before / 2 && rng.chance(0.5)) {
            const Decision& d = decision(gazelle_, rng.chance(0.5) ? title_last : last);
            push_recognition(out, code, "gazelle", d.date, d.doc_no);
        }
    }
    if (unicorn_like && !firm.listed_on) {
        const Decision& d = decision(unicorn_, last);
        push_recognition(out, code, "unicorn", d.date, d.doc_no);
    }
    if (firm.listed_on) {
        push_recognition(
            out, code, "listing", *firm.listed_on,
            fmt::format("证监许可〔{}〕{}号", firm.listed_on->year(), rng.between(100, 3000)));
    }
    out.firms.push_back(std::move(firm));
}

}  // namespace

void generate_demo(const DemoOptions& options, const RegionTable& regions, std::size_t batch_firms,
                   const std::function<void(DemoBatch&&)>& sink) {
    if (batch_firms == 0) throw UsageError(_("the demo batch size must be at least 1"));
    if (options.firms > kDemoMaxFirms)
        throw UsageError(
            fmt::format(fmt::runtime(_("a demo registry has at most {} firms")), kDemoMaxFirms));
    if (options.first_year < 1990 || options.first_year > options.last_year ||
        options.last_year > options.today.year())
        throw UsageError(fmt::format(fmt::runtime(_("demo years {}..{} must lie within 1990..{}")),
                                     options.first_year, options.last_year, options.today.year()));
    World world(options, regions);
    const std::size_t years = static_cast<std::size_t>(options.last_year - options.first_year + 1);
    for (std::size_t begin = 0; begin < options.firms; begin += batch_firms) {
        const std::size_t end = std::min(options.firms, begin + batch_firms);
        DemoBatch batch;
        batch.firms.reserve(end - begin);
        batch.figures.reserve((end - begin) * years);
        batch.recognitions.reserve((end - begin) * 2);
        for (std::size_t i = begin; i < end; ++i) world.generate_firm(i, batch);
        sink(std::move(batch));
    }
}

DemoBatch generate_demo(const DemoOptions& options, const RegionTable& regions) {
    DemoBatch all;
    generate_demo(options, regions, std::max<std::size_t>(options.firms, 1),
                  [&all](DemoBatch&& batch) { all = std::move(batch); });
    return all;
}

}  // namespace ladder
