#pragma once
// Storage of tier applications: the application row, its pinned eligibility snapshot
// (criteria and inputs) and the decisions of its review levels. No rules here: the workflow
// service (services/workflow_service.hpp) decides what may be written, in its transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "model/application.hpp"

namespace ladder {

class ApplicationRepository {
  public:
    explicit ApplicationRepository(Database& db) : db_(db) {}

    // The application row with its firm's name, without snapshot criteria, inputs and
    // decisions; empty when there is no such id.
    std::optional<Application> find(int64_t id);
    // Adds the snapshot's criteria and inputs and the decisions to `a` (read by its id).
    void read_details(Application& a);
    // Ids in order, every filter optional.
    std::vector<int64_t> ids(const ApplicationFilter& filter);

    // A new draft row; returns its id.
    int64_t insert_draft(const std::string& credit_code, const std::string& tier, int year,
                         const std::string& submitter, const Date& created_on,
                         const std::string& note, bool re_review = false);
    // The submission: the snapshot's criteria and inputs, state, date, rule set and levels.
    void store_submission(const Application& a);
    // State and final decision date (a withdrawal).
    void store_decided(int64_t id, ApplicationState state, const Date& decided_on);
    // A review level's decision row; `at` is the UTC timestamp it was made.
    void insert_decision(int64_t id, const Decision& d, const std::string& at);
    // State, level, decision date, publicity window and document number after a decision, only
    // when the row is still in `old_state` at `old_level`; false when another decision came first.
    bool store_decision_outcome(const Application& a, ApplicationState old_state, int old_level);
    void store_objection(const Application& a);
    void store_publicity_close(const Application& a);

    // Who made the latest decision on application `id`, and when ("?" when none).
    struct LastDecision {
        std::string reviewer = "?", at = "?";
    };
    LastDecision last_decision(int64_t id);

  private:
    Database& db_;
};

}  // namespace ladder
