#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace scalelab::core::experiment {

/// Records kept in an anonymous file in the temporary folder ($TMPDIR, else /tmp; unlinked
/// at once, gone when closed) and read back in the order written: for an output that needs
/// every point before its first byte (a CSV's header names the columns some point has), at
/// constant memory.
class SpillFile {
public:
    /// Throws std::runtime_error when no temporary file can be made.
    SpillFile();
    ~SpillFile();
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    /// Throws std::runtime_error when the file cannot take it (a full disk).
    void append(std::string_view record);
    std::size_t size() const { return m_count; }
    /// Every record in order, one at a time (one record's memory); appending may go on after.
    void forEach(const std::function<void(const std::string&)>& visit) const;

private:
    std::FILE* m_file = nullptr;
    std::size_t m_count = 0;
};

} // namespace scalelab::core::experiment
