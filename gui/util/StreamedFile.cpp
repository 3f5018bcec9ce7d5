#include "gui/util/StreamedFile.h"

#include <cstdio>

#include <QFileInfo>
#include <QSaveFile>

#include "gui/util/AtomicWrite.h"

namespace scalelab::gui {

namespace streamed_file_detail {
// Written in pieces this big: the device is unbuffered (see writeFileAtomically), so each
// piece is one system call.
constexpr std::size_t kBufferBytes = 64 * 1024;
} // namespace streamed_file_detail

StreamedFile::StreamedFile() : m_buffer(streamed_file_detail::kBufferBytes), m_stream(this)
{
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

// Not committed: QSaveFile's destructor discards what was written.
StreamedFile::~StreamedFile() = default;

bool StreamedFile::open(const QString& path, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    m_path = path;
    if (path == QLatin1String("-")) {
        m_open = true;
        return true;
    }
    if (QFileInfo(path).isDir())
        return fail(QStringLiteral("cannot write %1: it is a folder").arg(path));
    if (isSpecialFile(path))
        m_file = std::make_unique<QFile>(path);
    else
        m_file = std::make_unique<QSaveFile>(replacementTarget(path));
    // Unbuffered: Qt 6.4's QSaveFile notices only write errors that happen inside write().
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(QStringLiteral("cannot write %1: %2").arg(path, m_file->errorString()));
    m_open = true;
    return true;
}

bool StreamedFile::drain()
{
    const auto bytes = static_cast<qint64>(pptr() - pbase());
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    if (bytes == 0 || !m_failure.isEmpty())
        return m_failure.isEmpty();
    if (!m_open) {
        m_failure = QStringLiteral("cannot write %1: it is not open").arg(m_path);
    } else if (!m_file) {
        if (std::fwrite(m_buffer.data(), 1, static_cast<std::size_t>(bytes), stdout) !=
            static_cast<std::size_t>(bytes))
            m_failure = QStringLiteral("cannot write to standard output");
    } else if (m_file->write(m_buffer.data(), bytes) != bytes) {
        m_failure = writeFailure(m_path, m_file->errorString(), bytes);
    }
    return m_failure.isEmpty();
}

int StreamedFile::overflow(int c)
{
    if (!drain())
        return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int StreamedFile::sync()
{
    return drain() ? 0 : -1;
}

bool StreamedFile::commit(QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    m_stream.flush();
    if (!drain())
        return fail(m_failure);
    if (!m_file) {
        if (std::fflush(stdout) != 0)
            return fail(QStringLiteral("cannot write to standard output"));
        return true;
    }
    auto* save = dynamic_cast<QSaveFile*>(m_file.get());
    if (!save) {
        m_file->close();
        return true;
    }
    if (!save->commit())
        return fail(writeFailure(m_path, save->errorString(), 0));
    return true;
}

} // namespace scalelab::gui
