// `tally extract` output: a readable table, JSONL, one JSON array, or TSV.
// Records are written as they arrive, so extraction streams.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <tally/report.hpp>

#include "report/present.hpp"
#include "report/record.hpp"

namespace tally {
namespace {

std::string tsv_field(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
  return out;
}

std::string number(const std::optional<double>& v) {
  if (!v) return "";
  if (std::fabs(*v) < 1e15 && *v == std::floor(*v)) return fmt::format("{}", static_cast<long long>(*v));
  return fmt::format("{}", *v);
}

// "3,000", "1,234,567.89", "66.6667": the table's numbers grouped, with up
// to four decimals; very large or tiny magnitudes in scientific notation.
std::string grouped(double v) {
  const double a = std::fabs(v);
  if (!std::isfinite(v) || a >= 1e15 || (a != 0 && a < 1e-4)) return fmt::format("{:.6g}", v);
  std::string s = fmt::format("{:.4f}", a);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  const std::size_t dot = std::min(s.find('.'), s.size());
  std::string out = v < 0 && s != "0" ? "-" : "";
  for (std::size_t i = 0; i < dot; ++i) {
    if (i > 0 && (dot - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out.append(s, dot, std::string::npos);
  return out;
}

std::string interval_text(const Mention& m) {
  const auto& lo = m.stated.low;
  const auto& hi = m.stated.high;
  switch (m.qualifier) {
    case Qualifier::exact: return lo ? grouped(*lo) : "";
    case Qualifier::approximate: return lo ? fmt::format("~{}", grouped(*lo)) : "";
    case Qualifier::nearly: return lo ? fmt::format("<~{}", grouped(*lo)) : "";
    case Qualifier::at_least: return lo ? fmt::format(">={}", grouped(*lo)) : "";
    case Qualifier::more_than: return lo ? fmt::format(">{}", grouped(*lo)) : "";
    case Qualifier::at_most: return hi ? fmt::format("<={}", grouped(*hi)) : "";
    case Qualifier::less_than: return hi ? fmt::format("<{}", grouped(*hi)) : "";
    case Qualifier::range:
    case Qualifier::vague:
      return fmt::format("{}..{}", lo ? grouped(*lo) : "", hi ? grouped(*hi) : "");
  }
  return "";
}

std::string clip(std::string_view s, std::size_t width) {
  // Count characters, not bytes, so UTF-8 text lines up.
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == width) break;
      ++chars;
    }
  }
  std::string out(s.substr(0, i));
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  if (i < s.size() && !out.empty()) {
    std::size_t cut = out.size();
    while (cut > 0 && (static_cast<unsigned char>(out[cut - 1]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut > 0 ? cut - 1 : 0) + "…";
    ++chars;
  }
  return out + std::string(width > chars ? width - chars : 0, ' ');
}

}  // namespace

ExtractWriter::ExtractWriter(std::ostream& out, ExtractFormat format, ReportOptions options)
    : out_(out), format_(format), options_(options) {
  if (format_ == ExtractFormat::tsv)
    out_ << "doc\tsource\tdate\tstart\tend\tline\tcol\ttext\tvalue\tlow\thigh\tqualifier\t"
            "dimension\tunit\tnoun\tsubject\tblock\tmodality\tperiod\tattribution\n";
  if (format_ == ExtractFormat::json) out_ << "[";
}

void ExtractWriter::add(const RecordSource& c, const Mention& m) {
  switch (format_) {
    // The record is written straight into a reused buffer (no json value,
    // no allocation once it has grown); invalid UTF-8 comes out as U+FFFD.
    case ExtractFormat::jsonl:
    case ExtractFormat::json: {
      const std::string_view before = format_ == ExtractFormat::jsonl ? "" : count_ == 0 ? "\n" : ",\n";
      const std::string_view after = format_ == ExtractFormat::jsonl ? "\n" : "";
      char* p = room(before.size() + detail::record_bound(c, m) + after.size());
      p = std::copy(before.begin(), before.end(), p);
      p = detail::write_record(p, c, m);
      p = std::copy(after.begin(), after.end(), p);
      used_ = static_cast<std::size_t>(p - pending_.data());
      if (used_ >= k_flush_bytes) flush();
      break;
    }
    case ExtractFormat::tsv:
      out_ << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                          tsv_field(c.doc), tsv_field(c.source), c.date.value_or(""), m.start, m.end,
                          m.line, m.col, tsv_field(m.text), number(m.value), number(m.stated.low),
                          number(m.stated.high), to_string(m.qualifier), m.dimension, m.unit,
                          tsv_field(m.noun), tsv_field(m.subject), tsv_field(m.block),
                          to_string(m.modality), m.period.value_or(""),
                          tsv_field(m.attribution.value_or("")));
      break;
    case ExtractFormat::text: {
      if (count_ == 0 || c.doc != last_doc_) {
        if (count_ > 0) out_ << '\n';
        std::string head(c.doc);
        if (c.source != c.doc || c.date) {
          head += " (";
          if (c.source != c.doc) head += c.source;
          if (c.source != c.doc && c.date) head += ", ";
          if (c.date) head += *c.date;
          head += ")";
        }
        // A source or id with a line break or escape must not start a line of
        // its own (a forged CI command) or drive the terminal.
        head = detail::clean_text(head);
        out_ << (options_.color ? fmt::format("\x1b[1m{}\x1b[0m", head) : head) << '\n';
        last_doc_ = c.doc;
      }
      const std::string unit = m.unit.empty() ? std::string() : fmt::format(" {}", m.unit);
      std::string_view what = m.noun.empty() ? m.dimension : m.noun;
      std::string extra = m.modality == Modality::asserted ? "" : std::string(to_string(m.modality));
      if (m.attribution) extra += fmt::format("{}per {}", extra.empty() ? "" : ", ", *m.attribution);
      out_ << fmt::format("  {:>5}  {} {} {} {}\n", fmt::format("{}:{}", m.line, m.col), clip(detail::clean_text(m.text), 30),
                          clip(interval_text(m) + unit, 22), clip(detail::clean_text(what), 16),
                          detail::clean_text(extra));
      break;
    }
  }
  ++count_;
}

char* ExtractWriter::room(std::size_t n) {
  // The buffer only grows, and keeps its size: bytes past `used_` are
  // overwritten, never zero-filled again.
  if (used_ + n > pending_.size()) pending_.resize(std::max(used_ + n, 2 * pending_.size()));
  return pending_.data() + used_;
}

void ExtractWriter::flush() {
  out_.write(pending_.data(), static_cast<std::streamsize>(used_));
  used_ = 0;
}

void ExtractWriter::finish() {
  flush();
  if (format_ == ExtractFormat::json) out_ << (count_ == 0 ? "]\n" : "\n]\n");
  out_.flush();
}

}  // namespace tally
