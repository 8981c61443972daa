#pragma once
// Firms, yearly figures and recognitions: batch writes in the caller's transaction with
// prepared statements and bulk binds, and bulk reads (never one query per firm).
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "model/audit.hpp"
#include "model/firm.hpp"
#include "model/registry.hpp"

namespace ladder {

// Receives the audit entries of an upsert a chunk at a time, in key order, so that a
// million-row import never holds them all.
using AuditSink = std::function<void(std::vector<AuditEntry>&&)>;

struct UpsertSummary {
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
};

class RegistryRepository {
  public:
    explicit RegistryRepository(Database& db) : db_(db) {}

    std::size_t count_firms();
    std::size_t count_figures();
    std::size_t count_recognitions();
    bool firm_exists(const std::string& credit_code);
    std::vector<std::string> credit_codes();  // ascending

    std::optional<Firm> find_firm(const std::string& credit_code);
    std::vector<YearFigures> figures_of(const std::string& credit_code);  // ascending year
    std::vector<Recognition> recognitions_of(const std::string& credit_code);
    // One firm with everything the rules read: figures, titles, negative list and the titles
    // of the firms under the same control; empty when there is no such firm.
    std::optional<FirmRecord> firm_record(const std::string& credit_code);
    // The titles of every firm whose controlling shareholder or group is recorded (two index
    // lookups: nothing is read for firms without them).
    ControlIndex control_index();

    // Every firm's founding date, by credit code (ascending).
    std::vector<std::pair<std::string, Date>> founding_dates();

    // Calls `visit(i, stored)` once for each of `records` with the stored row of the same key,
    // or null when there is none: a chunk of credit codes at a time, in credit-code order.
    void visit_stored(const std::vector<Firm>& records,
                      const std::function<void(std::size_t, const Firm*)>& visit);
    void visit_stored(const std::vector<YearFigures>& records,
                      const std::function<void(std::size_t, const YearFigures*)>& visit);
    void visit_stored(const std::vector<Recognition>& records,
                      const std::function<void(std::size_t, const Recognition*)>& visit);

    // Whole tables, sorted by key (the export order).
    std::vector<Firm> load_firms();
    std::vector<YearFigures> load_figures();
    std::vector<Recognition> load_recognitions();

    // Streams every firm with its figures and recognitions in credit-code order, `chunk` firms
    // at a time: three range queries per chunk, whatever the chunk size. The vector handed to
    // `visit` is reused for the next chunk (its records keep their storage), so copy what must
    // outlive the call. On SQLite the rows are read natively and, outside a transaction, the
    // whole walk reads one snapshot; `visit` must not write through this Database then.
    void for_each_firm_record(std::size_t chunk,
                              const std::function<void(std::vector<FirmRecord>&)>& visit);

    // Batch upserts; call inside a Transaction. Rows equal to the stored ones are left alone.
    // Each change (insert or update) is one audit entry with its before and after values,
    // handed to `audit` (when set) chunk by chunk. `all_new`: insert without looking for stored
    // rows, so a key that exists (or is inserted concurrently) fails on the primary key instead
    // of turning into an update.
    UpsertSummary upsert(const std::vector<Firm>& firms, const AuditSink& audit,
                         bool all_new = false);
    UpsertSummary upsert(const std::vector<YearFigures>& figures, const AuditSink& audit,
                         bool all_new = false);
    UpsertSummary upsert(const std::vector<Recognition>& recognitions, const AuditSink& audit,
                         bool all_new = false);
    // The same, with every audit entry appended to *audit (when given).
    UpsertSummary upsert_firms(const std::vector<Firm>& firms, std::vector<AuditEntry>* audit,
                               bool all_new = false);
    UpsertSummary upsert_figures(const std::vector<YearFigures>& figures,
                                 std::vector<AuditEntry>* audit, bool all_new = false);
    UpsertSummary upsert_recognitions(const std::vector<Recognition>& recognitions,
                                      std::vector<AuditEntry>* audit, bool all_new = false);

    // Optimistic concurrency (services/registry_service.hpp): each row's version, raised by
    // every edit. Empty when there is no such row.
    std::optional<int64_t> firm_version(const std::string& credit_code);
    std::optional<int64_t> figures_version(const std::string& credit_code, int year);
    // Writes the firm and raises its version only while it is still `expected_version`; false
    // when someone else saved it meanwhile (nothing written).
    bool update_firm_at_version(const Firm& firm, int64_t expected_version);
    // Claims a year's figures for an edit: raises the version only while it is still
    // `expected_version` (on PostgreSQL a concurrent saver blocks here and then finds the version
    // moved; on SQLite the write lock is already the transaction's); false when it moved.
    bool claim_figures_version(const std::string& credit_code, int year, int64_t expected_version);
    // Inserts a year new to the firm; false when the same year was inserted concurrently (the
    // transaction must then be rolled back: PostgreSQL refuses further statements in it).
    bool insert_new_figures(const YearFigures& figures, std::vector<AuditEntry>* audit);

  private:
    Database& db_;
};

// Text forms of records for the audit trail (the export cells joined as `column=value`).
std::string audit_text(const Firm& firm);
std::string audit_text(const YearFigures& figures);
std::string audit_text(const Recognition& recognition);

}  // namespace ladder
