#pragma once

#include <memory>

#include <QString>

class QTemporaryFile;

namespace scalelab::gui::record {

/// A file written under a temporary name in its destination's folder and renamed over the
/// destination only when complete (QSaveFile's idea for writers that need a path rather than
/// a QIODevice, as libavformat does: MP4's fast start re-opens the file to move its index).
/// A cancelled or failed recording leaves nothing half-written and any old file untouched.
class PartialFile {
public:
    explicit PartialFile(QString destination);
    ~PartialFile();
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;

    /// Reserves the temporary name; false with a reason when the folder cannot be written.
    bool create(QString* error);
    QString tempPath() const;
    QString destination() const { return m_destination; }
    /// Renames the temporary file over the destination (atomic on one file system).
    bool commit(QString* error);
    /// Removes the temporary file (also done by the destructor unless committed).
    void discard();

private:
    QString m_destination;
    std::unique_ptr<QTemporaryFile> m_temp;
};

} // namespace scalelab::gui::record
