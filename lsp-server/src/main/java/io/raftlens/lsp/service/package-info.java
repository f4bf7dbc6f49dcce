/**
 * The language service facade: {@link io.raftlens.lsp.service.FabricLanguageService} owns one service per LSP
 * feature ({@code Services}) and is what the protocol layer ({@code server}) and plugins such as {@code live}
 * talk to, like lemminx's {@code XMLLanguageService}.
 *
 * <p>May depend on: {@code features} and its feature sub-packages, {@code documents}. Feature packages never
 * depend on it.
 */
package io.raftlens.lsp.service;
