// Internal: an extract record written into memory the caller provides.
//
//   std::size_t room = detail::record_bound(from, m);
//   char* end = detail::write_record(buffer, from, m);  // buffer holds `room` bytes
//
// `append_record` (tally/report.hpp) is these two on a std::string; a writer
// that keeps its own buffer calls them directly, so no byte is zero-filled
// only to be overwritten.
#pragma once

#include <cstddef>

#include <tally/report.hpp>

namespace tally::detail {

// The most bytes write_record can take for this record.
std::size_t record_bound(const RecordSource& from, const Mention& m);

// Writes the record (no newline) at `p`, which has record_bound bytes of room; returns its end.
char* write_record(char* p, const RecordSource& from, const Mention& m);

}  // namespace tally::detail
