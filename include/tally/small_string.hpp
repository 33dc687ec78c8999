// A string in 16 bytes: up to 15 bytes are stored inline, longer ones on the
// heap. The words of a figure (its unit, dimension, noun, block, event) are
// almost always that short, and `check` keeps millions of figures in memory:
// a std::string is 32 bytes even when empty, so the dozen strings of every
// Mention cost as much as all of its numbers together.
//
//   tally::SmallString unit = "km";
//   if (unit == "km") fmt::print("{} ({} bytes)\n", unit, unit.size());
//   std::string_view v = unit;          // reads as a string_view
//   std::string copy = unit.str();      // or copies into a std::string
//
// It is a value type like std::string: copies are deep, a moved-from string
// is empty, and `c_str()` is always terminated. It is immutable in place
// except through assignment, `append` and `clear`: no mutable iterators.
//
// Layout (little-endian, checked below): inline, bytes 0..14 hold the text
// and byte 15 holds 15 minus its size, so a string of exactly 15 bytes ends
// in a zero byte that terminates it. On the heap, bytes 0..7 hold the pointer
// and bytes 8..15 the size with 0xFF in its top byte, a value no inline
// string has in byte 15.
#pragma once

#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/core.h>

namespace tally {

class SmallString {
 public:
  static constexpr std::size_t k_inline_capacity = 15;

  SmallString() noexcept { set_empty(); }
  // Implicit, so that a field assigned or compared like a std::string keeps working.
  SmallString(std::string_view s) { init(s); }                         // NOLINT(google-explicit-constructor)
  SmallString(const std::string& s) { init(s); }                       // NOLINT(google-explicit-constructor)
  SmallString(const char* s) { init(std::string_view(s)); }            // NOLINT(google-explicit-constructor)
  SmallString(const SmallString& other) { init(other.view()); }
  SmallString(SmallString&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    other.set_empty();
  }
  ~SmallString() { release(); }

  SmallString& operator=(const SmallString& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  SmallString& operator=(SmallString&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      other.set_empty();
    }
    return *this;
  }
  SmallString& operator=(std::string_view s) { return assign(s); }
  SmallString& operator=(const std::string& s) { return assign(s); }
  SmallString& operator=(const char* s) { return assign(std::string_view(s)); }

  // Safe when `s` views this string itself. Forced inline: it is the
  // common case, a short word over a short word, with nothing to free;
  // write_inline reads all of `s` before it writes, so `s` may view these
  // very bytes.
  [[gnu::always_inline]] SmallString& assign(std::string_view s) {
    if (s.size() <= k_inline_capacity && !on_heap()) {
      write_inline(bytes_, s);
      return *this;
    }
    return assign_copy(s);
  }
  SmallString& append(std::string_view s) {
    if (s.empty()) return *this;
    std::string joined;
    joined.reserve(size() + s.size());
    joined.append(view()).append(s);
    return assign(joined);
  }
  SmallString& operator+=(std::string_view s) { return append(s); }
  SmallString& operator+=(char c) { return append(std::string_view(&c, 1)); }
  void clear() noexcept {
    release();
    set_empty();
  }
  void swap(SmallString& other) noexcept {
    unsigned char t[sizeof bytes_];
    std::memcpy(t, bytes_, sizeof bytes_);
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    std::memcpy(other.bytes_, t, sizeof bytes_);
  }

  bool on_heap() const noexcept { return bytes_[15] == k_heap_tag; }
  std::size_t size() const noexcept {
    if (!on_heap()) return k_inline_capacity - bytes_[15];
    std::uint64_t word;
    std::memcpy(&word, bytes_ + 8, 8);
    return static_cast<std::size_t>(word & k_size_mask);
  }
  std::size_t length() const noexcept { return size(); }
  bool empty() const noexcept { return size() == 0; }
  const char* data() const noexcept {
    if (!on_heap()) return reinterpret_cast<const char*>(bytes_);
    const char* p;
    std::memcpy(&p, bytes_, sizeof p);
    return p;
  }
  const char* c_str() const noexcept { return data(); }
  std::string_view view() const noexcept { return {data(), size()}; }
  operator std::string_view() const noexcept { return view(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }

  const char* begin() const noexcept { return data(); }
  const char* end() const noexcept { return data() + size(); }
  char operator[](std::size_t i) const noexcept { return data()[i]; }
  char front() const noexcept { return data()[0]; }
  char back() const noexcept { return data()[size() - 1]; }

  // The std::string queries the code reads fields with.
  std::size_t find(std::string_view s, std::size_t pos = 0) const noexcept { return view().find(s, pos); }
  std::size_t find(char c, std::size_t pos = 0) const noexcept { return view().find(c, pos); }
  std::size_t rfind(std::string_view s, std::size_t pos = std::string_view::npos) const noexcept {
    return view().rfind(s, pos);
  }
  std::size_t rfind(char c, std::size_t pos = std::string_view::npos) const noexcept { return view().rfind(c, pos); }
  bool starts_with(std::string_view s) const noexcept { return view().starts_with(s); }
  bool ends_with(std::string_view s) const noexcept { return view().ends_with(s); }
  std::string substr(std::size_t pos, std::size_t n = std::string_view::npos) const {
    return std::string(view().substr(pos, n));
  }
  static constexpr std::size_t npos = std::string_view::npos;

  // One overload per kind of right-hand side, so that neither side needs a
  // user-defined conversion and no comparison is ambiguous.
  friend bool operator==(const SmallString& a, const SmallString& b) noexcept { return a.view() == b.view(); }
  friend bool operator==(const SmallString& a, std::string_view b) noexcept { return a.view() == b; }
  friend bool operator==(const SmallString& a, const std::string& b) noexcept { return a.view() == b; }
  friend bool operator==(const SmallString& a, const char* b) noexcept { return a.view() == b; }
  friend std::strong_ordering operator<=>(const SmallString& a, const SmallString& b) noexcept {
    return a.view() <=> b.view();
  }
  friend std::strong_ordering operator<=>(const SmallString& a, std::string_view b) noexcept {
    return a.view() <=> b;
  }
  friend std::strong_ordering operator<=>(const SmallString& a, const std::string& b) noexcept {
    return a.view() <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const SmallString& a, const char* b) noexcept {
    return a.view() <=> std::string_view(b);
  }

  friend std::string operator+(const SmallString& a, std::string_view b) { return std::string(a.view()).append(b); }
  friend std::string operator+(std::string_view a, const SmallString& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const std::string& a, const SmallString& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const char* a, const SmallString& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(const SmallString& a, const char* b) { return std::string(a.view()).append(b); }

  friend std::ostream& operator<<(std::ostream& os, const SmallString& s) { return os << s.view(); }

 private:
  static_assert(std::endian::native == std::endian::little, "SmallString's tag byte is the size's top byte");
  static constexpr unsigned char k_heap_tag = 0xFF;
  static constexpr std::uint64_t k_size_mask = (std::uint64_t{1} << 56) - 1;

  void set_empty() noexcept { write_inline(bytes_, {}); }
  // assign() onto a string on the heap or of a long one.
  [[gnu::noinline]] SmallString& assign_copy(std::string_view s) {
    SmallString copy(s);
    swap(copy);
    return *this;
  }
  // The inline form of `s` (at most 15 bytes) into `out`, zero-padded. Its
  // two 8-byte halves are assembled from overlapping loads of `s`, all done
  // before the first store, instead of a memset and a memcpy of a variable
  // size (a call): every field of every figure is assigned this way.
  static void write_inline(unsigned char (&out)[16], std::string_view s) noexcept {
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t lo = 0, hi = 0;
    if (n >= 8) {
      std::memcpy(&lo, p, 8);
      if (n > 8) {
        std::memcpy(&hi, p + n - 8, 8);
        hi >>= 8 * (16 - n);  // keeps bytes 8..n-1 of `s`
      }
    } else if (n >= 4) {
      std::uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      lo = first | (std::uint64_t{last} << (8 * (n - 4)));
    } else if (n > 0) {
      lo = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
           static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << (8 * (n / 2)) |
           static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << (8 * (n - 1));
    }
    hi |= static_cast<std::uint64_t>(k_inline_capacity - n) << 56;  // byte 15
    std::memcpy(out, &lo, 8);
    std::memcpy(out + 8, &hi, 8);
  }
  // Assumes nothing is owned.
  void init(std::string_view s) {
    if (s.size() <= k_inline_capacity) {
      write_inline(bytes_, s);
      return;
    }
    char* p = new char[s.size() + 1];
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    const std::uint64_t word = static_cast<std::uint64_t>(s.size()) | (std::uint64_t{k_heap_tag} << 56);
    std::memcpy(bytes_, &p, sizeof p);
    std::memcpy(bytes_ + 8, &word, 8);
  }
  void release() noexcept {
    if (on_heap()) delete[] data();
  }

  alignas(8) unsigned char bytes_[16];
};

static_assert(sizeof(SmallString) == 16);

// nlohmann::json reads and writes it as a string (found by argument-dependent lookup).
template <typename Json>
void to_json(Json& j, const SmallString& s) {
  j = s.view();
}
template <typename Json>
void from_json(const Json& j, SmallString& s) {
  s = j.template get<std::string>();
}

}  // namespace tally

template <>
struct std::hash<tally::SmallString> {
  std::size_t operator()(const tally::SmallString& s) const noexcept {
    return std::hash<std::string_view>{}(s.view());
  }
};

template <>
struct fmt::formatter<tally::SmallString> : fmt::formatter<fmt::string_view> {
  template <typename FormatContext>
  auto format(const tally::SmallString& s, FormatContext& ctx) const {
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(s.data(), s.size()), ctx);
  }
};
