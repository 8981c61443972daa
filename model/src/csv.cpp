#include "model/csv.hpp"

#include <algorithm>

#include "model/i18n.hpp"

namespace ladder {

bool scan_csv(std::string_view text, CsvSyntaxError* error,
              const std::function<void(const CsvRecord&)>& visit) {
    std::size_t i = 0, n = text.size();
    int line = 1;
    if (error) *error = {};
    // One record's storage serves every record: its fields keep their capacity from row to row
    // (the rows of one file are usually alike), so parsing allocates almost nothing.
    CsvRecord rec;
    while (i < n) {
        rec.line = line;
        std::size_t count = 0;
        bool end_of_record = false;
        while (!end_of_record) {
            if (count == rec.fields.size()) rec.fields.emplace_back();
            std::string& field = rec.fields[count];
            field.clear();
            if (i < n && text[i] == '"') {
                int quote_line = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    // Copy up to the next quote in one piece, counting the newlines it holds.
                    std::size_t quote = text.find('"', i);
                    std::size_t end = quote == std::string_view::npos ? n : quote;
                    std::string_view run = text.substr(i, end - i);
                    line += static_cast<int>(std::count(run.begin(), run.end(), '\n'));
                    field += run;
                    i = end;
                    if (i >= n) break;
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (!closed) {
                    if (error) *error = {quote_line, _("unterminated quoted field")};
                    return false;
                }
                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (error) *error = {line, _("unexpected text after a closing quote")};
                    return false;
                }
            } else {
                std::size_t end = i;
                while (end < n && text[end] != ',' && text[end] != '\n' && text[end] != '\r') ++end;
                field.assign(text.substr(i, end - i));
                i = end;
            }
            ++count;
            if (i >= n) {
                end_of_record = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < n && text[i] == '\n') ++i;
                ++line;
                end_of_record = true;
            }
        }
        // Fewer fields than the record before: drop the rest (rare; they are re-made later).
        rec.fields.resize(count);
        visit(rec);
    }
    return true;
}

std::vector<CsvRecord> parse_csv(std::string_view text, CsvSyntaxError* error) {
    std::vector<CsvRecord> records;
    scan_csv(text, error, [&records](const CsvRecord& record) { records.push_back(record); });
    return records;
}

void write_csv_record(std::ostream& out, const std::vector<std::string>& fields,
                      std::string_view line_end) {
    for (std::size_t k = 0; k < fields.size(); ++k) {
        if (k) out << ',';
        const std::string& f = fields[k];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            out << f;
            continue;
        }
        out << '"';
        for (char c : f) {
            if (c == '"') out << '"';
            out << c;
        }
        out << '"';
    }
    out << line_end;
}

}  // namespace ladder
