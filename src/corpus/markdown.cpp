// Markdown to text with md4c, keeping every piece of text tied to the bytes
// it came from.
//
// md4c reports text as pointers into the buffer it parses, which is the
// document's own `raw`; the distance from raw.data() is the raw offset, so
// each piece is anchored where it stood in the file. A few pieces md4c
// synthesises (soft and hard breaks, code-block newlines, the replacement for
// NUL) point at its own constants: those are anchored where the previous
// piece ended.
//
// Dialect: GitHub's (tables, strikethrough, task lists, bare URLs as links),
// so that a URL in prose is a link whose text can be dropped like any other
// link target.
#include <md4c.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "corpus/decode.hpp"
#include "corpus/formats.hpp"

namespace tally::detail {
namespace {

class MarkdownText {
 public:
  MarkdownText(std::string_view raw, std::size_t body, bool code, std::string& text, OffsetMap& map)
      : raw_(raw), code_(code), text_(text), map_(map), raw_end_(body) {}

  std::size_t bad() const { return bad_; }

  // A table row is one sentence, its cells kept apart by " | " as in the
  // source ("| timeout | 60 s |"), so that a figure alone in a cell can be
  // read as being about its row. A code span in a cell is text: an option
  // name in the first column is what the row is about.
  int enter_block(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_TR) {
      separate();
      row_open_pending_ = true;  // "| " is written with the row's first text, anchored there
      first_cell_ = true;
    } else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) {
      if (!first_cell_) {
        open_row(raw_end_);
        anchored(" | ", raw_end_);
      }
      first_cell_ = false;
      in_cell_ = true;
    } else if (ends_sentence(type)) {
      separate();
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) {
      in_cell_ = false;
      return 0;
    }
    if (type == MD_BLOCK_TR) {
      open_row(raw_end_);
      anchored(" |", raw_end_);
    }
    if (ends_sentence(type)) separate();
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_IMG) ++image_depth_;  // alt text is not prose
    if (type == MD_SPAN_A && !in_link_) {
      in_link_ = true;
      const auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
      href_.assign(a->href.text, a->href.size);
      link_pieces_.clear();
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_IMG) --image_depth_;
    if (type == MD_SPAN_A && in_link_) {
      in_link_ = false;
      if (!is_autolink()) {
        for (const Piece& p : link_pieces_) put(p.type, p.data, p.size);
      }
      link_pieces_.clear();
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    if (image_depth_ > 0) return 0;
    if (in_link_) {
      link_pieces_.push_back({type, data, size});
      return 0;
    }
    put(type, data, size);
    return 0;
  }

 private:
  struct Piece {
    MD_TEXTTYPE type;
    const MD_CHAR* data;
    MD_SIZE size;
  };

  static bool ends_sentence(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_P:
      case MD_BLOCK_H:
      case MD_BLOCK_LI:
      case MD_BLOCK_QUOTE:
      case MD_BLOCK_CODE:
      case MD_BLOCK_HTML:
      case MD_BLOCK_TABLE:
      case MD_BLOCK_TR:
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
      case MD_BLOCK_HR:
        return true;
      default:
        return false;
    }
  }

  // The raw offset of `p`, or npos when md4c made the text up itself.
  std::size_t offset_of(const MD_CHAR* p) const {
    auto addr = reinterpret_cast<std::uintptr_t>(p);
    auto base = reinterpret_cast<std::uintptr_t>(raw_.data());
    if (addr < base || addr >= base + raw_.size()) return std::string_view::npos;
    return addr - base;
  }

  // A link whose text is its own target (<https://…>, a bare URL, an
  // e-mail address): the text is a URL, not prose.
  bool is_autolink() const {
    std::string shown;
    for (const Piece& p : link_pieces_) {
      if (p.type != MD_TEXT_NORMAL && p.type != MD_TEXT_ENTITY) return false;
      shown.append(p.data, p.size);
    }
    if (shown.empty()) return false;
    for (std::string_view scheme : {"", "mailto:", "http://", "https://"})
      if (href_.size() == scheme.size() + shown.size() && href_.compare(0, scheme.size(), scheme) == 0 &&
          href_.compare(scheme.size(), std::string::npos, shown) == 0)
        return true;
    return false;
  }

  // The "| " that opens a table row, anchored at `at`: where the row's first
  // text stands, so that the row's sentence starts in its own line of the
  // source, not after the row before.
  void open_row(std::size_t at) {
    if (!row_open_pending_) return;
    row_open_pending_ = false;
    anchored("| ", at);
  }

  void put(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    std::size_t at = offset_of(data);
    if (at != std::string_view::npos) open_row(at);
    switch (type) {
      case MD_TEXT_NORMAL:
        literal(data, size, at);
        break;
      case MD_TEXT_CODE:
        if (code_ || in_cell_) literal(data, size, at);
        break;
      case MD_TEXT_ENTITY:
        if (auto decoded = decode_entity(std::string_view(data, size))) {
          anchored(*decoded, at == std::string_view::npos ? raw_end_ : at);
          if (at != std::string_view::npos) raw_end_ = at + size;
        } else {
          literal(data, size, at);  // not a reference tally knows: keep it as written
        }
        break;
      case MD_TEXT_NULLCHAR:
        anchored("\xEF\xBF\xBD", at == std::string_view::npos ? raw_end_ : at);
        break;
      case MD_TEXT_SOFTBR:
        anchored(" ", raw_end_);
        break;
      case MD_TEXT_BR:
        separate();
        break;
      case MD_TEXT_HTML:  // raw HTML and comments are markup, not text
      case MD_TEXT_LATEXMATH:
        break;
    }
  }

  void literal(const MD_CHAR* data, MD_SIZE size, std::size_t at) {
    if (at == std::string_view::npos) {
      anchored(std::string_view(data, size), raw_end_);
      return;
    }
    bad_ += append_sanitized(raw_, at, at + size, text_, map_);
    raw_end_ = at + size;
  }

  void anchored(std::string_view s, std::size_t raw_pos) {
    map_.add(text_.size(), raw_pos);
    text_.append(s);
  }

  // Ends the sentence: a block boundary becomes a blank line.
  void separate() {
    if (text_.empty()) return;
    if (text_.size() >= 2 && text_.compare(text_.size() - 2, 2, "\n\n") == 0) return;
    map_.add(text_.size(), raw_end_);
    text_.append(text_.back() == '\n' ? "\n" : "\n\n");
  }

  std::string_view raw_;
  bool code_;
  std::string& text_;
  OffsetMap& map_;
  std::size_t raw_end_;  // raw offset just after the last piece of text
  std::size_t bad_ = 0;
  int image_depth_ = 0;
  bool in_link_ = false;
  bool in_cell_ = false;     // inside a table cell
  bool first_cell_ = true;   // no cell of the current row written yet
  bool row_open_pending_ = false;  // a table row began and its "| " is not written yet
  std::string href_;
  std::vector<Piece> link_pieces_;
};

}  // namespace

std::size_t markdown_to_text(std::string_view raw, std::size_t body_offset, bool code,
                             std::string& text, OffsetMap& map) {
  body_offset = std::min(body_offset, raw.size());
  // md4c sizes are 32 bits; the reader's size limit keeps documents far below.
  std::size_t size = std::min<std::size_t>(raw.size() - body_offset, std::numeric_limits<MD_SIZE>::max());
  MarkdownText out(raw.substr(0, body_offset + size), body_offset, code, text, map);

  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = [](MD_BLOCKTYPE t, void*, void* u) { return static_cast<MarkdownText*>(u)->enter_block(t); };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return static_cast<MarkdownText*>(u)->leave_block(t); };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<MarkdownText*>(u)->enter_span(t, d); };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return static_cast<MarkdownText*>(u)->leave_span(t); };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    return static_cast<MarkdownText*>(u)->text(t, s, n);
  };
  md_parse(raw.data() + body_offset, static_cast<MD_SIZE>(size), &parser, &out);
  return out.bad();
}

}  // namespace tally::detail
