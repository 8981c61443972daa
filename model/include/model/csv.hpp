#pragma once
// RFC 4180 CSV over UTF-8 text: quoted fields, doubled quotes, CRLF or LF, embedded newlines.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ladder {

struct CsvRecord {
    int line = 0;  // 1-based physical line where the record starts (a spreadsheet's row number)
    std::vector<std::string> fields;
};

struct CsvSyntaxError {
    int line = 0;
    std::string reason;
};

// Splits `text` into records. Stops at the first syntax error (an unterminated quote, or text
// after a closing quote) and reports it in *error; records before it are returned.
std::vector<CsvRecord> parse_csv(std::string_view text, CsvSyntaxError* error);
// The same one record at a time, without holding them: `visit` sees each record in order (its
// storage is reused for the next; copy what you keep). Returns false after a syntax error.
bool scan_csv(std::string_view text, CsvSyntaxError* error,
              const std::function<void(const CsvRecord&)>& visit);

// Writes one record, quoting a field only when it holds a comma, quote, CR or LF, and ends it
// with `line_end` (line breaks inside a quoted field stay as they are).
void write_csv_record(std::ostream& out, const std::vector<std::string>& fields,
                      std::string_view line_end = "\n");

}  // namespace ladder
