// A firm's journey across the tiers (model/journey.hpp): the order titles were granted in, their
// validity resolved from the tier, the status on a day, the re-review year, and the nearest tier
// the firm does not hold yet.
#include <boost/test/unit_test.hpp>

#include "model/journey.hpp"

using namespace ladder;

namespace {

Recognition title(const std::string& tier, const char* approved, const char* from,
                  std::optional<Date> to = std::nullopt) {
    Recognition r;
    r.credit_code = "91360100MA35AAAA0X";
    r.tier = tier;
    r.approved_on = *Date::parse(approved);
    r.valid_from = *Date::parse(from);
    r.valid_to = to;
    return r;
}

const TierCatalog& catalog() {
    static const TierCatalog c({{"above_scale", "规模以上工业企业", 1},
                                {"high_tech", "高新技术企业", 3},
                                {"specialized", "专精特新中小企业", 3},
                                {"listed", "上市企业", std::nullopt}});
    return c;
}

FirmRecord firm_with_titles() {
    FirmRecord f;
    f.firm.credit_code = "91360100MA35AAAA0X";
    // Given out of order: the journey sorts them by the day they were granted.
    f.recognitions = {title("specialized", "2020-06-30", "2020-07-01"),
                      title("above_scale", "2016-03-01", "2016-03-01"),
                      title("high_tech", "2018-11-30", "2018-11-30"),
                      title("listed", "2021-01-08", "2021-01-08"),
                      title("above_scale", "2020-03-01", "2020-03-01", *Date::parse("2020-12-31"))};
    return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(titles_in_the_order_they_were_granted_with_their_validity) {
    auto steps = firm_journey(firm_with_titles(), catalog(), *Date::parse("2020-09-01"));
    struct Row {
        const char* tier;
        const char* approved;
        const char* valid_to;  // "" open-ended
        const char* review_due;
        JourneyStep::Status status;
    };
    using S = JourneyStep::Status;
    const Row expected[] = {
        {"above_scale", "2016-03-01", "2017-02-28", "2017-01-01", S::expired},
        {"high_tech", "2018-11-30", "2021-11-29", "2021-01-01", S::held},
        {"above_scale", "2020-03-01", "2020-12-31", "2020-01-01", S::held},  // given valid_to
        {"specialized", "2020-06-30", "2023-06-30", "2023-01-01", S::held},
        {"listed", "2021-01-08", "", "", S::not_yet_valid},
    };
    BOOST_TEST_REQUIRE(steps.size() == std::size(expected));
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Row& e = expected[i];
        BOOST_TEST_CONTEXT("step " << i << " " << e.tier) {
            BOOST_TEST(steps[i].tier == e.tier);
            BOOST_TEST(steps[i].approved_on.to_string() == e.approved);
            BOOST_TEST((steps[i].valid_to ? steps[i].valid_to->to_string() : "") == e.valid_to);
            BOOST_TEST((steps[i].review_due ? steps[i].review_due->to_string() : "") ==
                       e.review_due);
            BOOST_TEST(int(steps[i].status) == int(e.status));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_status_follows_the_day) {
    // The last valid day is still held; the day after it is not.
    FirmRecord f;
    f.recognitions = {title("high_tech", "2018-11-30", "2018-11-30")};
    const std::pair<const char*, JourneyStep::Status> cases[] = {
        {"2018-11-29", JourneyStep::Status::not_yet_valid},
        {"2018-11-30", JourneyStep::Status::held},
        {"2021-11-29", JourneyStep::Status::held},
        {"2021-11-30", JourneyStep::Status::expired},
    };
    for (const auto& [day, status] : cases)
        BOOST_TEST(int(firm_journey(f, catalog(), *Date::parse(day)).at(0).status) == int(status),
                   day);
}

BOOST_AUTO_TEST_CASE(the_nearest_tier_not_held) {
    auto report = [](const char* tier, TierVerdict v, double gap) {
        EligibilityReport r;
        r.tier = tier;
        r.verdict = v;
        r.gap_size = gap;
        CriterionResult c;
        c.id = std::string(tier) + ".x";
        c.verdict = v == TierVerdict::eligible     ? Verdict::pass
                    : v == TierVerdict::incomplete ? Verdict::missing
                                                   : Verdict::fail;
        r.criteria.push_back(c);
        return r;
    };
    auto steps = firm_journey(firm_with_titles(), catalog(), *Date::parse("2020-09-01"));
    struct Case {
        const char* name;
        std::vector<EligibilityReport> reports;
        const char* expected;  // "" none
    };
    const Case cases[] = {
        {"held tiers are skipped, the smallest gap wins",
         {report("high_tech", TierVerdict::eligible, 0),
          report("gazelle", TierVerdict::ineligible, 0.5),
          report("little_giant", TierVerdict::ineligible, 0.2)},
         "little_giant"},
        {"incomplete before ineligible",
         {report("gazelle", TierVerdict::ineligible, 0.1),
          report("little_giant", TierVerdict::incomplete, 0.9)},
         "little_giant"},
        {"eligible first",
         {report("little_giant", TierVerdict::incomplete, 0),
          report("gazelle", TierVerdict::eligible, 0)},
         "gazelle"},
        {"a tier granted again after its title expired is held",
         {report("above_scale", TierVerdict::ineligible, 0.3)},
         ""},  // above_scale is held again from 2020-03-01
        {"every tier held", {report("specialized", TierVerdict::eligible, 0)}, ""},
    };
    for (const Case& c : cases) {
        auto next = nearest_next_tier(c.reports, steps);
        BOOST_TEST((next ? next->tier : std::string()) == c.expected, c.name);
    }
    // Only the expired 2016 title: the tier is not held, so it is the next step again.
    FirmRecord lapsed;
    lapsed.recognitions = {title("above_scale", "2016-03-01", "2016-03-01")};
    auto lapsed_steps = firm_journey(lapsed, catalog(), *Date::parse("2020-09-01"));
    auto again =
        nearest_next_tier({report("above_scale", TierVerdict::ineligible, 0.3)}, lapsed_steps);
    BOOST_TEST((again ? again->tier : std::string()) == "above_scale");

    auto next = nearest_next_tier({report("gazelle", TierVerdict::ineligible, 0.4)}, steps);
    BOOST_TEST_REQUIRE(next.has_value());
    BOOST_TEST(next->failed == std::vector<std::string>{"gazelle.x"});
    BOOST_TEST(next->missing.empty());
}
