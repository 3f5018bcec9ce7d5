#include "core/experiment/SpillFile.h"

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <stdlib.h> // mkstemp
#include <system_error>
#include <unistd.h> // unlink, close

namespace scalelab::core::experiment {

namespace spill_file_detail {
[[noreturn]] void spillFailed(const char* what)
{
    throw std::runtime_error(std::string("the sweep's temporary file: ") + what);
}
} // namespace spill_file_detail

namespace {
// A file in the user's temporary folder ($TMPDIR, then /tmp), unlinked at once so it is
// gone when closed, even after a crash. std::tmpfile always used /tmp: a user whose /tmp
// is small or read-only lost the sweep's CSV.
std::FILE* openAnonymousFile()
{
    std::error_code error;
    const std::filesystem::path folder = std::filesystem::temp_directory_path(error);
    if (error)
        return nullptr;
    std::string name = (folder / "scalelab-spill-XXXXXX").string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        return nullptr;
    ::unlink(name.c_str());
    std::FILE* file = ::fdopen(fd, "w+b");
    if (!file)
        ::close(fd);
    return file;
}
} // namespace

SpillFile::SpillFile() : m_file(openAnonymousFile())
{
    if (!m_file)
        spill_file_detail::spillFailed("cannot create it (is the temporary folder, $TMPDIR or "
                                       "/tmp, writable?)");
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
