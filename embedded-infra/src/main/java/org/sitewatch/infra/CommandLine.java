package org.sitewatch.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one of this module's mains: {@code --name value}, {@code --name=value} and {@code
 * --flag}. Strict on purpose: an unknown or repeated option, a missing value or a stray argument is
 * an error, so that a typo in a build file fails loudly instead of being ignored.
 */
public final class CommandLine {

  /** A usage error: the message is for the user, followed by the main's usage text. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, String> values;
  private final Set<String> flags;

  private CommandLine(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /**
   * @param valueOptions option names (without {@code --}) that take a value
   * @param flagOptions option names that take none
   */
  public static CommandLine parse(String[] args, Set<String> valueOptions, Set<String> flagOptions)
      throws UsageException {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (valueOptions.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        if (values.put(name, value) != null) {
          throw new UsageException("--" + name + " is given more than once");
        }
      } else if (flagOptions.contains(name)) {
        if (value != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        if (!flags.add(name)) {
          throw new UsageException("--" + name + " is given more than once");
        }
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new CommandLine(values, flags);
  }

  /** Whether {@code --help} or {@code -h} is among the arguments (checked before parsing). */
  static boolean wantsHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String value(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  String required(String name) throws UsageException {
    return value(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  public Optional<Path> path(String name) {
    return value(name).map(Path::of);
  }

  public int port(String name, int defaultValue) throws UsageException {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Ports.parse(text.get(), "--" + name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  Optional<Long> positiveLong(String name) throws UsageException {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(text.get().trim());
      if (n > 0) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + name + " must be a positive number, not '" + text.get() + "'");
  }
}
