package org.creativelabs.core.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The lab's event formats, which staff plan events from and templates carry to new labs. */
@RestController
@RequestMapping("/api/labs/{slug}/event-formats")
@Tag(name = "events")
class EventFormatController {

    private final EventFormatRepository formats;
    private final IdempotencyKeys idempotency;

    EventFormatController(EventFormatRepository formats, IdempotencyKeys idempotency) {
        this.formats = formats;
        this.idempotency = idempotency;
    }

    @GetMapping
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "The lab's event formats, by name")
    @Transactional(readOnly = true)
    List<EventFormatView> list() {
        return formats.findAll(Sort.by("name")).stream().map(EventFormat::view).toList();
    }

    @PostMapping
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    ResponseEntity<EventFormatView> create(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody EventFormatRequest request) {
        return idempotency.createOnce(idempotencyKey, request, EventFormatView.class, () -> {
            if (formats.findByName(request.name()).isPresent()) {
                throw Problems.of(HttpStatus.CONFLICT, "event-format-exists", request.name());
            }
            EventFormat format = formats.saveAndFlush(new EventFormat(request));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/event-formats")
                            .build(slug))
                    .body(format.view());
        });
    }
}
