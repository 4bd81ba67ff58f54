/**
 * The REST API ({@code /api/v1}) over the engine, with vert.x web: the administrator's bearer token,
 * JSON and YAML requests, {@code application/problem+json} errors with field paths, server-sent
 * progress, and the OpenAPI document. Entry point: {@link dev.fulcrum.core.server.ApiServer}.
 */
package dev.fulcrum.core.server;
