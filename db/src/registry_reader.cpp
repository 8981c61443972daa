// The streamed firm records: for_each_firm_record, natively on SQLite.
#include "db/registry_repository.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "bulk_insert.hpp"
#include "database_impl.hpp"
#include "native_sqlite.hpp"
#include "registry_rows.hpp"
#include "db/negative_list_repository.hpp"
#include "model/import_schema.hpp"
#include "model/money.hpp"

namespace ladder {

using namespace registry_detail;

namespace {

// ---- SQLite: the firm records straight from the native connection ---------------------------

// SOCI's header declares the SQLite C API inside this namespace.
using namespace sqlite_api;

// Appends an element to `v`, reusing a slot beyond `used` or one from `spare` (its strings keep
// their capacity), so that once warm no row allocates.
template <class T>
T& next_slot(std::vector<T>& v, std::size_t& used, std::vector<T>& spare) {
    if (used == v.size()) {
        if (spare.empty()) {
            v.emplace_back();
        } else {
            v.push_back(std::move(spare.back()));
            spare.pop_back();
        }
    }
    return v[used++];
}

// Cuts `v` to `used` elements, keeping the rest in `spare` for other firms.
template <class T>
void trim(std::vector<T>& v, std::size_t used, std::vector<T>& spare) {
    while (v.size() > used) {
        spare.push_back(std::move(v.back()));
        v.pop_back();
    }
}

// Reads the firm records a chunk at a time through the native SQLite connection SOCI holds:
// three prepared range queries reused for every chunk, each cell copied straight into records
// that keep their strings' and vectors' capacity from chunk to chunk. SOCI's sqlite3 backend
// costs several times as much: it converts every cell through its own buffers and allocates a
// string per text cell and row.
class SqliteRecordReader {
  public:
    explicit SqliteRecordReader(soci::session& sql)
        : conn_(native_sqlite(sql)),
          firms_(conn_,
                 fmt::format(
                     "SELECT {} FROM firms WHERE credit_code > ?1 ORDER BY credit_code LIMIT ?2",
                     kFirmColumns)),
          figures_(conn_, fmt::format(
                              "SELECT {} FROM figures WHERE credit_code > ?1 AND credit_code <= ?2 "
                              "ORDER BY credit_code, year",
                              figure_columns())),
          recognitions_(conn_,
                        fmt::format("SELECT {} FROM recognitions WHERE credit_code > ?1 AND "
                                    "credit_code <= ?2 ORDER BY credit_code, tier, valid_from",
                                    kRecognitionColumns)),
          negative_checks_(conn_,
                           "SELECT credit_code, item, verdict, source, checked_on FROM "
                           "negative_checks WHERE credit_code > ?1 AND credit_code <= ?2 "
                           "ORDER BY credit_code, item") {}

    bool in_transaction() const { return sqlite3_get_autocommit(conn_) == 0; }

    // The next `limit` firms (credit-code order) with their figures and recognitions, into
    // `records` (resized to the number read); false when no firm is left.
    bool next(std::vector<FirmRecord>& records, std::size_t limit) {
        std::size_t n = read_firms(records, limit);
        if (n == 0) return false;
        read_figures(records);
        read_recognitions(records);
        read_negative_checks(records);
        after_ = records[n - 1].firm.credit_code;
        return true;
    }

  private:
    std::size_t read_firms(std::vector<FirmRecord>& records, std::size_t limit) {
        firms_.bind(1, after_);
        firms_.bind(2, static_cast<int64_t>(limit));
        std::size_t n = 0;
        {
            ConnectionLock lock(conn_);
            while (firms_.step()) {
                if (n == records.size()) records.emplace_back();
                Firm& f = records[n++].firm;
                f.credit_code.assign(firms_.text(0));
                f.name.assign(firms_.text(1));
                firms_.text_into(2, f.region_code);
                firms_.text_into(3, f.industry_code);
                firms_.text_into(4, f.chain);
                f.founded = firms_.date(5);
                sqlite3_value* niche = firms_.cell(6);
                f.niche_since = NativeQuery::null(niche)
                                    ? std::nullopt
                                    : std::optional<int>(sqlite3_value_int(niche));
                sqlite3_value* hnte = firms_.cell(7);
                f.hnte_field = NativeQuery::null(hnte)
                                   ? std::nullopt
                                   : std::optional<bool>(sqlite3_value_int64(hnte) != 0);
                f.listed_on = firms_.optional_date(8);
                firms_.text_into(9, f.controlling_shareholder);
                firms_.text_into(10, f.business_group);
            }
        }
        firms_.reset();
        records.resize(n);  // smaller only for the last chunk
        return n;
    }

    // Rows come in credit-code order, as do the records: one merge walk finds each row's firm.
    template <class Fill>
    void merge_rows(NativeQuery& q, std::vector<FirmRecord>& records, Fill fill) {
        q.bind(1, after_);
        q.bind(2, records.back().firm.credit_code);
        used_.assign(records.size(), 0);
        std::size_t k = 0;
        {
            ConnectionLock lock(conn_);
            while (q.step()) {
                std::string_view code = q.text(0);
                while (k < records.size() && std::string_view(records[k].firm.credit_code) < code)
                    ++k;
                if (k == records.size()) break;
                if (records[k].firm.credit_code == code) fill(records[k], used_[k], code);
            }
        }
        q.reset();
    }

    void read_figures(std::vector<FirmRecord>& records) {
        merge_rows(figures_, records, [&](FirmRecord& r, std::size_t& used, std::string_view code) {
            YearFigures& y = next_slot(r.figures, used, spare_figures_);
            y.credit_code.assign(code);
            y.year = sqlite3_value_int(figures_.cell(1));
            for (std::size_t i = 0; i < kMeasureCount; ++i) {
                sqlite3_value* v = figures_.cell(static_cast<int>(i) + 2);
                y.set(kMeasures[i].measure, NativeQuery::null(v)
                                                ? std::nullopt
                                                : std::optional<int64_t>(sqlite3_value_int64(v)));
            }
        });
        for (std::size_t k = 0; k < records.size(); ++k)
            trim(records[k].figures, used_[k], spare_figures_);
    }

    void read_recognitions(std::vector<FirmRecord>& records) {
        merge_rows(recognitions_, records,
                   [&](FirmRecord& r, std::size_t& used, std::string_view code) {
                       Recognition& x = next_slot(r.recognitions, used, spare_recognitions_);
                       x.credit_code.assign(code);
                       x.tier.assign(recognitions_.text(1));
                       x.approved_on = recognitions_.date(2);
                       x.valid_from = recognitions_.date(3);
                       x.valid_to = recognitions_.optional_date(4);
                       x.doc_no.assign(recognitions_.text(5));
                   });
        for (std::size_t k = 0; k < records.size(); ++k)
            trim(records[k].recognitions, used_[k], spare_recognitions_);
    }

    void read_negative_checks(std::vector<FirmRecord>& records) {
        merge_rows(negative_checks_, records,
                   [&](FirmRecord& r, std::size_t& used, std::string_view code) {
                       auto item = parse_negative_item(negative_checks_.text(1));
                       if (!item) return;  // an item a later Ladder knows
                       NegativeCheck& c = next_slot(r.negative_checks, used, spare_checks_);
                       c.credit_code.assign(code);
                       c.item = *item;
                       c.verdict = parse_negative_verdict(negative_checks_.text(2))
                                       .value_or(NegativeVerdict::not_checked);
                       c.source.assign(negative_checks_.text(3));
                       c.checked_on = negative_checks_.optional_date(4);
                   });
        for (std::size_t k = 0; k < records.size(); ++k)
            trim(records[k].negative_checks, used_[k], spare_checks_);
    }

    sqlite3* conn_;
    NativeQuery firms_, figures_, recognitions_, negative_checks_;
    std::string after_;              // last credit code of the previous chunk
    std::vector<std::size_t> used_;  // rows given to each record of the chunk so far
    std::vector<YearFigures> spare_figures_;
    std::vector<Recognition> spare_recognitions_;
    std::vector<NegativeCheck> spare_checks_;
};

}  // namespace

void RegistryRepository::for_each_firm_record(
    std::size_t chunk, const std::function<void(std::vector<FirmRecord>&)>& visit) {
    soci::session& sql = db_.impl().sql;
    if (db_.backend() == Backend::sqlite) {
        SqliteRecordReader reader(sql);
        // One snapshot for the whole walk: a writer committing between two chunks (or between
        // the three queries of one) must not pair firms with figures of another state.
        std::optional<ReadSnapshot> snapshot;
        if (!reader.in_transaction()) snapshot.emplace(db_);
        const ControlIndex control = control_index();
        std::vector<FirmRecord> records;
        while (reader.next(records, std::max<std::size_t>(chunk, 1))) {
            if (!control.empty())
                for (auto& r : records) control.attach(r);
            visit(records);
        }
        return;
    }
    const ControlIndex control = control_index();
    std::string after;  // last credit code of the previous chunk
    const std::string limit = std::to_string(std::max<std::size_t>(chunk, 1));
    for (;;) {
        std::vector<FirmRecord> records;
        fetch_all<FirmColumns>(
            sql,
            fmt::format("SELECT {} FROM firms WHERE credit_code > :a ORDER BY credit_code LIMIT {}",
                        kFirmColumns, limit),
            bind_firm_into,
            [&](const FirmColumns& c, std::size_t k) {
                records.push_back({c.get(k), {}, {}, {}, {}});
            },
            {after});
        if (records.empty()) return;
        const std::string& last = records.back().firm.credit_code;
        std::unordered_map<std::string, std::size_t> index;
        index.reserve(records.size());
        for (std::size_t i = 0; i < records.size(); ++i)
            index.emplace(records[i].firm.credit_code, i);
        fetch_all<FigureColumns>(sql,
                                 fmt::format("SELECT {} FROM figures WHERE credit_code > :a AND "
                                             "credit_code <= :b ORDER BY credit_code, year",
                                             figure_columns()),
                                 bind_figure_into,
                                 [&](const FigureColumns& c, std::size_t k) {
                                     if (auto it = index.find(c.code[k]); it != index.end())
                                         records[it->second].figures.push_back(c.get(k));
                                 },
                                 {after, last});
        fetch_all<RecognitionColumns>(
            sql,
            fmt::format("SELECT {} FROM recognitions WHERE credit_code > :a AND credit_code <= :b "
                        "ORDER BY credit_code, tier, valid_from",
                        kRecognitionColumns),
            bind_recognition_into,
            [&](const RecognitionColumns& c, std::size_t k) {
                if (auto it = index.find(c.code[k]); it != index.end())
                    records[it->second].recognitions.push_back(c.get(k));
            },
            {after, last});
        for (auto& check : NegativeListRepository(db_).in_range(after, last))
            if (auto it = index.find(check.credit_code); it != index.end())
                records[it->second].negative_checks.push_back(std::move(check));
        if (!control.empty())
            for (auto& r : records) control.attach(r);
        after = last;
        visit(records);
    }
}

}  // namespace ladder
