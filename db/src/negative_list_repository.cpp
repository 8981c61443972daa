#include "db/negative_list_repository.hpp"

#include "database_impl.hpp"
#include "soci_text.hpp"

namespace ladder {

// `one_firm` empty: every firm; else the firm `code`.
std::vector<NegativeCheck> NegativeListRepository::read(const std::string& one_firm,
                                                        const std::string& code) {
    std::vector<NegativeCheck> out;
    std::string credit_code, item, verdict, source;
    OptText checked_on;
    soci::session& sql = db_.impl().sql;
    soci::statement st =
        one_firm.empty()
            ? (sql.prepare << "SELECT credit_code, item, verdict, source, checked_on FROM "
                              "negative_checks ORDER BY credit_code, item",
               soci::into(credit_code), soci::into(item), soci::into(verdict), soci::into(source),
               soci::into(checked_on.value, checked_on.ind))
            : (sql.prepare << "SELECT credit_code, item, verdict, source, checked_on FROM "
                              "negative_checks WHERE credit_code = :c ORDER BY item",
               soci::into(credit_code), soci::into(item), soci::into(verdict), soci::into(source),
               soci::into(checked_on.value, checked_on.ind), soci::use(code));
    st.execute();
    while (st.fetch()) {
        auto parsed_item = parse_negative_item(item);
        auto parsed_verdict = parse_negative_verdict(verdict);
        if (!parsed_item) continue;  // an item a later Ladder knows
        NegativeCheck c;
        c.credit_code = credit_code;
        c.item = *parsed_item;
        c.verdict = parsed_verdict.value_or(NegativeVerdict::not_checked);
        c.source = source;
        c.checked_on = checked_on.date();
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<NegativeCheck> NegativeListRepository::of_firm(const std::string& code) {
    return read("one", code);
}

std::vector<NegativeCheck> NegativeListRepository::all() {
    return read("", "");
}

std::vector<NegativeCheck> NegativeListRepository::in_range(const std::string& after,
                                                            const std::string& last) {
    std::vector<NegativeCheck> out;
    std::string credit_code, item, verdict, source;
    OptText checked_on;
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT credit_code, item, verdict, source, checked_on FROM "
                                   "negative_checks WHERE credit_code > :a AND credit_code <= :b "
                                   "ORDER BY credit_code, item",
         soci::into(credit_code), soci::into(item), soci::into(verdict), soci::into(source),
         soci::into(checked_on.value, checked_on.ind), soci::use(after), soci::use(last));
    st.execute();
    while (st.fetch()) {
        auto parsed_item = parse_negative_item(item);
        if (!parsed_item) continue;  // an item a later Ladder knows
        out.push_back({credit_code, *parsed_item,
                       parse_negative_verdict(verdict).value_or(NegativeVerdict::not_checked),
                       source, checked_on.date()});
    }
    return out;
}

std::vector<std::string> NegativeListRepository::firms_with_findings() {
    std::vector<std::string> out;
    std::string code;
    soci::statement st =
        (db_.impl().sql.prepare << "SELECT DISTINCT credit_code FROM negative_checks WHERE "
                                   "verdict = 'yes' ORDER BY credit_code",
         soci::into(code));
    st.execute();
    while (st.fetch()) out.push_back(code);
    return out;
}

std::optional<NegativeCheck> NegativeListRepository::find(const std::string& code,
                                                          NegativeItem item) {
    for (auto& c : of_firm(code))
        if (c.item == item) return c;
    return std::nullopt;
}

void NegativeListRepository::store(const NegativeCheck& c) {
    soci::session& sql = db_.impl().sql;
    std::string code = c.credit_code, item(negative_item_id(c.item)),
                verdict(negative_verdict_id(c.verdict)), source = c.source;
    OptText day(c.checked_on);
    long long present = 0;
    sql << "SELECT COUNT(*) FROM negative_checks WHERE credit_code = :c AND item = :i",
        soci::use(code), soci::use(item), soci::into(present);
    if (present == 0)
        sql << "INSERT INTO negative_checks (credit_code, item, verdict, source, checked_on) "
               "VALUES (:c, :i, :v, :s, :d)",
            soci::use(code), soci::use(item), soci::use(verdict), soci::use(source),
            soci::use(day.value, day.ind);
    else
        sql << "UPDATE negative_checks SET verdict = :v, source = :s, checked_on = :d, "
               "row_version = row_version + 1 WHERE credit_code = :c AND item = :i",
            soci::use(verdict), soci::use(source), soci::use(day.value, day.ind), soci::use(code),
            soci::use(item);
}

}  // namespace ladder
