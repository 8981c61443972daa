#include <boost/test/unit_test.hpp>

#include <string>

#include "model/uscc.hpp"

using namespace ladder;

namespace {
// A valid code from its first 17 characters.
std::string with_check(const std::string& first17) {
    return first17 + *uscc_check_character(first17);
}
}  // namespace

BOOST_AUTO_TEST_CASE(published_codes_are_valid) {
    BOOST_TEST(is_valid_uscc("91350100M000100Y43"));
    BOOST_TEST(is_valid_uscc("91110000600037341L"));
    BOOST_TEST(!uscc_problem("91350100M000100Y43"));
    BOOST_TEST(!uscc_defect("91110000600037341L"));
}

BOOST_AUTO_TEST_CASE(check_character_is_computed_over_the_first_17) {
    BOOST_TEST(*uscc_check_character("91350100M000100Y4") == '3');
    BOOST_TEST(*uscc_check_character("91110000600037341") == 'L');
    // Check value 0 maps to '0' (31 - sum % 31 == 31).
    for (const char* first17 : {"91360100MA35ABCD1", "91360100MA35ABCD2", "12360000014500000",
                                "52360000MJD000000", "92360102MA38000000"}) {
        std::string prefix = std::string(first17).substr(0, 17);
        auto check = uscc_check_character(prefix);
        BOOST_TEST_REQUIRE(check.has_value());
        BOOST_TEST(is_valid_uscc(prefix + *check));
    }
    BOOST_TEST(!uscc_check_character("9111000060003734"));   // 16
    BOOST_TEST(!uscc_check_character("9111000060003734I"));  // I not in the charset
}

BOOST_AUTO_TEST_CASE(wrong_check_character_is_named) {
    auto defect = uscc_defect("91110000600037341M");
    BOOST_TEST_REQUIRE(defect.has_value());
    BOOST_TEST(*defect == "fails its check character (expected L)");
    BOOST_TEST(*uscc_problem("91110000600037341M") ==
               "credit code 91110000600037341M fails its check character (expected L)");
}

BOOST_AUTO_TEST_CASE(every_character_outside_the_charset_is_rejected) {
    std::string good = with_check("91360100MA35ABCD1");
    for (char bad : {'I', 'O', 'Z', 'S', 'V', 'a', '-', ' '}) {
        std::string code = good;
        code[10] = bad;
        auto defect = uscc_defect(code);
        BOOST_TEST_REQUIRE(defect.has_value(), "accepted " << code);
        BOOST_TEST(*defect == std::string("has invalid character '") + bad + "' at position 11");
    }
    // The check character position is also limited to the charset.
    std::string code = good.substr(0, 17) + "O";
    BOOST_TEST(*uscc_defect(code) == "has invalid character 'O' at position 18");
}

BOOST_AUTO_TEST_CASE(length_is_counted_in_characters) {
    BOOST_TEST(*uscc_defect("91110000600037341") == "has 17 characters, needs 18");
    BOOST_TEST(*uscc_defect("91110000600037341LL") == "has 19 characters, needs 18");
    BOOST_TEST(*uscc_defect("") == "is empty");
    BOOST_TEST(*uscc_problem("") == "credit code is required");
    // A full-width digit is one (invalid) character, quoted whole, never as a broken byte.
    std::string full_width = "9111000060003734１L";  // U+FF11 in position 17
    BOOST_TEST(*uscc_defect(full_width) == "has invalid character '１' at position 17");
}

BOOST_AUTO_TEST_CASE(stray_continuation_bytes_are_never_valid) {
    // Found by fuzzing: 18 code characters followed by stray UTF-8 continuation bytes counted
    // as 18 characters and passed, so a 76-byte "code" could become a firm's key.
    std::string zeros(18, '0');
    BOOST_TEST_REQUIRE(is_valid_uscc(zeros));
    std::string trailing = zeros + std::string(58, '\xBE');
    BOOST_TEST(!is_valid_uscc(trailing));
    BOOST_TEST(*uscc_defect(trailing) ==
               "has invalid character '0" + std::string(58, '\xBE') + "' at position 18");
    // A leading stray byte is a character of its own, and invalid.
    std::string leading = "\xBE" + zeros;
    BOOST_TEST(!is_valid_uscc(leading));
    BOOST_TEST(*uscc_defect(leading) == "has invalid character '\xBE' at position 1");
    // In the middle, it spoils the character before it.
    std::string middle = zeros.substr(0, 5) + "\x80" + zeros.substr(5);
    BOOST_TEST(*uscc_defect(middle) == "has invalid character '0\x80' at position 5");
}

BOOST_AUTO_TEST_CASE(lower_case_is_not_valid_as_such) {
    // Import upper-cases before checking; the check itself is strict.
    BOOST_TEST(!is_valid_uscc("91350100m000100y43"));
    BOOST_TEST(is_valid_uscc("91350100M000100Y43"));
}
