package io.partner.ppm.runtime.logs;

import java.util.ArrayDeque;

/**
 * The big buffers of the readers, shared: a reader holds a big read buffer only while output is
 * flowing, and a workspace only while it relays one chunk. A service that is quiet (most of them,
 * most of the time) costs its reader a small buffer, however much it wrote before. A few spares are
 * kept so that busy readers do not allocate per chunk.
 */
final class BufferPool {

    /** Twice a piece: after a chunk at most one piece is pending, so a read always has room for another. */
    static final int READ_BUFFER = 2 * LineSplitter.MAX_PIECE;

    private static final int SPARES = 4;
    /** A workspace that grew past this (a burst of escaped long lines) is not kept. */
    private static final int LARGEST_KEPT_OUTPUT = 1024 * 1024;

    private final ArrayDeque<byte[]> readBuffers = new ArrayDeque<>();
    private final ArrayDeque<ChunkWorkspace> workspaces = new ArrayDeque<>();

    synchronized byte[] takeReadBuffer() {
        byte[] buffer = readBuffers.poll();
        return buffer != null ? buffer : new byte[READ_BUFFER];
    }

    synchronized void giveBack(byte[] readBuffer) {
        if (readBuffers.size() < SPARES) {
            readBuffers.push(readBuffer);
        }
    }

    synchronized ChunkWorkspace takeWorkspace() {
        ChunkWorkspace workspace = workspaces.poll();
        return workspace != null ? workspace : new ChunkWorkspace();
    }

    synchronized void giveBack(ChunkWorkspace workspace) {
        workspace.output().reset();
        workspace.batch().clear();
        if (workspaces.size() < SPARES && workspace.output().capacity() <= LARGEST_KEPT_OUTPUT) {
            workspaces.push(workspace);
        }
    }

    /** What relaying one chunk needs besides the bytes read: the lines found and the output built. */
    record ChunkWorkspace(LineBatch batch, ByteBuilder output) {

        ChunkWorkspace() {
            this(new LineBatch(), new ByteBuilder(64 * 1024));
        }
    }
}
