package io.partner.ppm.runtime.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns file errors into the short words a user knows from the shell: {@code No such file}, {@code Permission denied}. */
final class IoMessages {

    private IoMessages() {
    }

    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException _ -> "No such file";
            case AccessDeniedException _ -> "Permission denied";
            case CharacterCodingException _ -> "not UTF-8 text";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
