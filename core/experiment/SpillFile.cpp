#include "core/experiment/SpillFile.h"

#include <cstdint>
#include <stdexcept>

namespace scalelab::core::experiment {

namespace spill_file_detail {
[[noreturn]] void spillFailed(const char* what)
{
    throw std::runtime_error(std::string("the sweep's temporary file: ") + what);
}
} // namespace spill_file_detail

SpillFile::SpillFile() : m_file(std::tmpfile())
{
    if (!m_file)
        spill_file_detail::spillFailed("cannot create it (is the temporary folder writable?)");
}

SpillFile::~SpillFile()
{
    std::fclose(m_file);
}

void SpillFile::append(std::string_view record)
{
    // Each record is its length then its bytes: records may hold any byte, newlines too.
    const std::uint64_t length = record.size();
    if (std::fwrite(&length, sizeof length, 1, m_file) != 1 ||
        std::fwrite(record.data(), 1, record.size(), m_file) != record.size())
        spill_file_detail::spillFailed("cannot write it (disk full?)");
    ++m_count;
}

void SpillFile::forEach(const std::function<void(const std::string&)>& visit) const
{
    if (std::fflush(m_file) != 0 || std::fseek(m_file, 0, SEEK_SET) != 0)
        spill_file_detail::spillFailed("cannot read it back");
    std::string record;
    for (std::size_t i = 0; i < m_count; ++i) {
        std::uint64_t length = 0;
        if (std::fread(&length, sizeof length, 1, m_file) != 1)
            spill_file_detail::spillFailed("cannot read it back");
        record.resize(length);
        if (std::fread(record.data(), 1, length, m_file) != length)
            spill_file_detail::spillFailed("cannot read it back");
        visit(record);
    }
    if (std::fseek(m_file, 0, SEEK_END) != 0)
        spill_file_detail::spillFailed("cannot append to it");
}

} // namespace scalelab::core::experiment
