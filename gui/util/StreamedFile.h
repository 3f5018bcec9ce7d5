#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <vector>

#include <QString>

class QFileDevice;

namespace scalelab::gui {

/// A file written as it is produced (a sweep's document, point by point), still whole or
/// not at all: through QSaveFile, so nothing replaces the old file until commit(), and a
/// failure or a missing commit (an error half-way) leaves it as it was. A device or FIFO
/// is written directly, as writeFileAtomically() does; "-" is standard output.
class StreamedFile : private std::streambuf {
public:
    StreamedFile();
    ~StreamedFile() override;
    StreamedFile(const StreamedFile&) = delete;
    StreamedFile& operator=(const StreamedFile&) = delete;

    /// Starts the file; on failure `error` says why ("cannot write X: it is a folder").
    bool open(const QString& path, QString* error);
    /// Where to write. A failed write sets its badbit and is reported by commit().
    std::ostream& stream() { return m_stream; }
    /// Flushes and puts the file in place; on failure `error` says why, as
    /// writeFileAtomically() does ("disk full: ...").
    bool commit(QString* error);

private:
    int overflow(int c) override;
    int sync() override;
    bool drain();

    QString m_path;
    std::unique_ptr<QFileDevice> m_file; ///< null for standard output
    bool m_open = false;
    QString m_failure; ///< the first write error
    std::vector<char> m_buffer;
    std::ostream m_stream;
};

} // namespace scalelab::gui
