#pragma once
// The catalogues a demo registry is drawn from (resources/demo/*.csv): cities, chains, industry
// classes and brand halves, with their weights. Read once; a malformed file is an InputError
// naming its file and line.
#include <array>
#include <string>
#include <vector>

namespace ladder::demo_detail {

// Jiangxi's cities, weighted roughly by their number of industrial firms.
struct CityWeight {
    std::string code;
    int weight;
};

// Chain shares of the firm population, whether its firms are mostly technology firms, and a
// size bias (log scale) for the heavy chains.
struct ChainProfile {
    std::string id;
    int weight;
    double tech_share;  // probability of a 高新技术领域 firm
    double size_bias;
};

// GB/T 4754-2017 classes per chain with the trade words a firm name uses for them.
struct IndustryClass {
    std::string chain;
    std::string code;
    int weight;
    std::array<std::string, 2> words;  // second may be empty
};

// The names and weights a demo registry is drawn from. Two-character brands are composed from
// the brand halves (the same half twice is skipped).
struct DemoCatalogue {
    std::vector<CityWeight> cities;
    std::vector<ChainProfile> chains;
    std::vector<IndustryClass> classes;
    std::vector<std::string> brand_first, brand_second;

    static const DemoCatalogue& shipped();
};

}  // namespace ladder::demo_detail
