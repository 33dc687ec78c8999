// Writing a large JSON document one array element at a time.
//
//   ordered_json doc = {{"tool", ...}, {"findings", k_streamed_items}};
//   dump_with_streamed_items(out, doc, findings.size(),
//                            [&](std::size_t i) { return finding_json(findings[i]); });
//
// The bytes are those of doc.dump(2) with the array of items in place of the
// marker, but only one item exists at a time: a DOM of every finding and its
// claim records takes gigabytes on a corpus of millions of claims. Each item
// is dumped with an indent of 2 and indented by the depth of the marker's
// line plus one level, which is exact because JSON strings hold no raw
// newline. Invalid UTF-8 is written as U+FFFD, never an abort.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace tally::detail {

// Stands for the streamed array in the document. No text of a corpus ends up
// in the parts of a document around the array, so it cannot occur there.
inline constexpr std::string_view k_streamed_items = "\x01tally:streamed items\x01";

template <typename Json, typename Item>
void dump_with_streamed_items(std::ostream& out, const Json& doc, std::size_t count, Item&& item) {
  const auto dump = [](const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); };
  const std::string text = dump(doc);
  const std::string marker = Json(k_streamed_items).dump();
  const std::size_t at = text.find(marker);
  if (at == std::string::npos) {  // no marker: nothing to stream
    out << text << '\n';
    return;
  }
  const std::size_t line = text.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
  const std::size_t depth = text.find_first_not_of(' ', line) - line;
  const std::string indent(depth + 2, ' ');

  out << std::string_view(text).substr(0, at);
  if (count == 0) {
    out << "[]";
  } else {
    out << "[\n";
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) out << ",\n";
      const std::string one = dump(item(i));
      for (std::size_t begin = 0; begin < one.size();) {
        std::size_t end = one.find('\n', begin);
        if (end == std::string::npos) end = one.size();
        out << indent << std::string_view(one).substr(begin, end - begin);
        if (end < one.size()) out << '\n';
        begin = end + 1;
      }
    }
    out << '\n' << std::string_view(indent).substr(2) << ']';
  }
  out << std::string_view(text).substr(at + marker.size()) << '\n';
}

}  // namespace tally::detail
