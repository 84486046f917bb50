package io.vigil.app.web;

/** A request the API refuses, with its HTTP status and a message naming what was wrong. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400: a field, its value and what is allowed. */
  static ApiException badRequest(String field, Object value, String allowed) {
    return new ApiException(400, "invalid " + field + ": found " + value + ", expected " + allowed);
  }

  int status() {
    return status;
  }
}
